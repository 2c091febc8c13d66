"""A user node: the same file runs under CPython and in the browser."""

import remotemedia as rm


@rm.register_node(name="Shout")
class Shout(rm.Node):
    def __init__(self, suffix="!"):
        self.suffix = suffix

    def process(self, text):
        if not text:
            raise ValueError("Shout needs non-empty text")
        return text.upper() + self.suffix
