"""A Celery worker on the in-memory broker, which only its own process can reach: the worker
queues its tasks itself once it is ready. Task logs go through celery's task logger."""
from celery import Celery, signals
from celery.utils.log import get_task_logger

import common

app = Celery("celery_app", broker="memory://")
logger = get_task_logger(__name__)


@app.task
def add(x, y):
    return x + y


@app.task
def hello():
    common.hello(logger)


@app.task
def log_exception():
    common.log_exception(logger)


@app.task
def multiline():
    common.multiline(logger)


@app.task
def boom():
    common.boom()  # uncaught: the worker logs the task failure


@app.task
def shout():
    print("printed from a task")  # the worker redirects stdout to a logger


@app.task
def done():
    logger.info("all tasks ran")


@signals.worker_ready.connect
def queue_tasks(**_):
    for task in (add.s(2, 2), hello.s(), log_exception.s(), multiline.s(), boom.s(), shout.s(),
                 done.s()):
        task.delay()
