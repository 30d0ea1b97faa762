"""Demo data of observation, added on top of the other apps' demo by `load_demo`."""

from . import indicator_demo


def load(stdout=None) -> dict:
    return indicator_demo.load(stdout)
