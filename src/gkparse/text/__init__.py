"""Text stages: bytes → clean simplified text.

decode → repair (mojibake, pinyin, normalize) → script (traditional → simplified) → clean
(boilerplate and spam, then reflow). Each stage is a pure function, testable alone.
"""
