"""The charts of the book, one module per chapter, in the house style of style.py."""
