"""Demo data of observation, added on top of the other apps' demo by `load_demo`."""

from . import indicator_demo, portrait_demo, report_demo


def load(stdout=None) -> dict:
    loaded = indicator_demo.load(stdout)["loaded"] + portrait_demo.load(stdout)["loaded"]
    loaded += report_demo.load(stdout)["loaded"]
    return {"loaded": loaded}
