"""Flask, run with `flask run`: app logs go to app.logger, which Flask gives a default handler."""
from flask import Flask

import common

app = Flask(__name__)

for path, view in common.VIEWS.items():
    app.add_url_rule(path, view.__name__, lambda view=view: view(app.logger))
