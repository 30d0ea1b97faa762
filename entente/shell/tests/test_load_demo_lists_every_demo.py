"""load_demo names each app's demo module: a new app's demo.py must be added to it, not found by name."""

from pathlib import Path

from entente.cooperations import demo as cooperations_demo
from entente.shell.management.commands.load_demo import APP_DEMOS


def test_every_demo_module_is_loaded_by_the_command():
    apps = Path(__file__).resolve().parents[2]
    demos = {path.parent.name for path in apps.glob("*/demo.py")}
    listed = {module.__name__.split(".")[1] for module in [cooperations_demo, *APP_DEMOS]}
    assert demos == listed
