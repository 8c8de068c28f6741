// The review page of gkparse --format html: sorting, filtering, and tasks linked to their lines.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.task"));
  var unitInput = document.getElementById("f-unit");
  var roleInput = document.getElementById("f-role");
  var fromInput = document.getElementById("f-from");
  var toInput = document.getElementById("f-to");
  var shown = document.getElementById("shown");

  function filter() {
    var unit = unitInput.value.trim(), role = roleInput.value, from = fromInput.value, to = toInput.value;
    var count = 0;
    rows.forEach(function (row) {
      var units = JSON.parse(row.getAttribute("data-units"));
      var dates = (row.getAttribute("data-dates") || "").split(" ").filter(Boolean);
      var ok = units.some(function (u) {
        return (!unit || u[0].indexOf(unit) >= 0 || u[1].indexOf(unit) >= 0) && (!role || u[2] === role);
      }) || (!unit && !role);
      if (ok && (from || to)) {
        ok = dates.some(function (d) { return (!from || d >= from) && (!to || d <= to); });
      }
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " tasks shown";
  }
  [unitInput, roleInput, fromInput, toInput].forEach(function (el) {
    el.addEventListener("input", filter);
    el.addEventListener("change", filter);
  });
  document.getElementById("f-clear").addEventListener("click", function () {
    unitInput.value = ""; roleInput.value = ""; fromInput.value = ""; toInput.value = "";
    filter();
  });

  function sortBy(th) {
    var table = th.closest("table"), body = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
      var x = a.cells[index].getAttribute("data-key") || a.cells[index].textContent;
      var y = b.cells[index].getAttribute("data-key") || b.cells[index].textContent;
      if (!x !== !y) { return x ? -1 : 1; }  // empty cells last
      var c = x.localeCompare(y, "zh", { numeric: true });
      return asc ? c : -c;
    });
    sorted.forEach(function (row) { body.appendChild(row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.tasks th"), function (th) {
    th.addEventListener("click", function () { sortBy(th); });
  });

  function show(row) {
    var doc = row.getAttribute("data-doc");
    var start = +row.getAttribute("data-start"), end = +row.getAttribute("data-end");
    Array.prototype.forEach.call(document.querySelectorAll(".ln.hl, tr.selected"), function (el) {
      el.classList.remove("hl"); el.classList.remove("selected");
    });
    row.classList.add("selected");
    var first = null;
    for (var n = start; n <= end; n += 1) {
      var line = document.getElementById(doc + "-L" + n);
      if (line) { line.classList.add("hl"); first = first || line; }
    }
    if (first) {
      var pane = first.parentNode;
      pane.scrollTop = first.offsetTop - pane.offsetTop - 8;
    }
  }
  rows.forEach(function (row) {
    row.addEventListener("click", function () { show(row); });
  });
  filter();
})();
