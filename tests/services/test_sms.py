"""Text messages: the outbox backend, the HTTP provider against a local stand-in, and the RQ job's retries."""
from __future__ import annotations

import os
import uuid

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from rq import Queue, SimpleWorker

from app.sms import gateway, jobs
from app.sms.outbox import outbox_sms
from tests.sms_standin import sms_provider

NUMBER = "+212612345678"


@pytest.fixture
def provider(app_ctx):
    """The http backend pointed at a recording stand-in."""
    with sms_provider() as standin:
        app_ctx.config.update(SMS_BACKEND="http", SMS_API_BASE=standin.url, SMS_API_KEY="test-key",
                              SMS_TIMEOUT_SECONDS=0.5)
        yield standin
    app_ctx.config.update(SMS_BACKEND="outbox", SMS_API_BASE="", SMS_API_KEY="", SMS_TIMEOUT_SECONDS=10)


@pytest.fixture
def queue(app_ctx):
    """An SMS queue of this test's own on the real Redis, deleted afterwards."""
    connection = Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        connection.ping()
    except RedisConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not running on 127.0.0.1:6379: CI must start it")
        pytest.skip(reason="Redis is not running on 127.0.0.1:6379")
    name = f"test-sms-{uuid.uuid4().hex[:10]}"
    app_ctx.config.update(REDIS_URL="redis://127.0.0.1:6379/0", SMS_QUEUE=name)
    rq_queue = Queue(name, connection=connection)
    yield rq_queue
    app_ctx.config.update(REDIS_URL="", SMS_QUEUE="sms")
    for registry in (rq_queue.finished_job_registry, rq_queue.failed_job_registry):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)
    rq_queue.delete(delete_jobs=True)
    connection.close()


@pytest.fixture(autouse=True)
def _empty_outbox(outbox):
    """Every test here reads the outbox from empty."""


def run_worker(queue: Queue) -> None:
    SimpleWorker([queue], connection=queue.connection).work(burst=True)


def test_the_development_backend_writes_each_message_to_the_outbox_in_order(app_ctx):
    gateway.deliver(NUMBER, "Votre code : 123456")
    gateway.deliver("+212712345678", "كود: 654321")
    assert [(m["to"], m["body"]) for m in outbox_sms()] == [
        (NUMBER, "Votre code : 123456"), ("+212712345678", "كود: 654321")]
    assert outbox_sms(NUMBER)[0]["from"] == app_ctx.config["SMS_SENDER"]


def test_the_http_provider_receives_sender_number_text_and_key(app_ctx, provider):
    app_ctx.config["SMS_SENDER"] = "SoukTest"
    message_id = gateway.deliver(NUMBER, "مرحبا")
    app_ctx.config["SMS_SENDER"] = "SoukSolid"
    [request] = provider.requests
    assert message_id == "msg-1"
    assert request["path"] == "/v1/messages"
    assert request["headers"]["Authorization"] == "Bearer test-key"
    assert request["json"] == {"from": "SoukTest", "to": NUMBER, "text": "مرحبا"}
    assert outbox_sms() == []  # the real provider got it, not the outbox


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_a_provider_failure_is_worth_retrying(app_ctx, provider, status):
    provider.script = [status]
    with pytest.raises(gateway.SmsUnavailable):
        gateway.deliver(NUMBER, "x")


@pytest.mark.parametrize("status", [400, 401, 402, 422])
def test_a_refused_message_is_not_retried(app_ctx, provider, status):
    provider.script = [status]
    with pytest.raises(gateway.SmsRejected):
        gateway.deliver(NUMBER, "x")


def test_a_provider_that_does_not_answer_in_time_is_unavailable(app_ctx, provider):
    provider.delay = 1.5
    with pytest.raises(gateway.SmsUnavailable):
        gateway.deliver(NUMBER, "x")


def test_a_provider_that_is_down_is_unavailable(app_ctx, provider):
    app_ctx.config["SMS_API_BASE"] = "http://127.0.0.1:9/v1"  # the discard port: nothing listens
    with pytest.raises(gateway.SmsUnavailable):
        gateway.deliver(NUMBER, "x")


def test_without_redis_the_message_is_sent_in_the_process_and_a_failure_never_raises(app_ctx, provider):
    provider.script = [503]
    jobs.send_sms(NUMBER, "first")  # logged, not raised: the caller has already committed
    jobs.send_sms(NUMBER, "second")
    assert [r["json"]["text"] for r in provider.requests] == ["first", "second"]


def test_with_redis_the_provider_is_called_only_by_the_worker(app_ctx, provider, queue):
    jobs.send_sms(NUMBER, "hello")
    assert provider.requests == [] and len(queue) == 1
    run_worker(queue)
    assert [r["json"]["text"] for r in provider.requests] == ["hello"]


def test_the_job_retries_when_the_provider_is_unavailable(app_ctx, provider, queue, monkeypatch):
    monkeypatch.setattr(jobs, "RETRY_INTERVALS", (0, 0, 0))  # no scheduler wait in a test
    provider.script = [503, 502]
    jobs.send_sms(NUMBER, "hello")
    run_worker(queue)
    assert [r["json"]["text"] for r in provider.requests] == ["hello"] * 3
    assert len(queue.finished_job_registry) == 1 and len(queue.failed_job_registry) == 0


def test_a_refused_message_is_not_retried_by_the_job(app_ctx, provider, queue, monkeypatch):
    monkeypatch.setattr(jobs, "RETRY_INTERVALS", (0, 0, 0))
    provider.script = [400]
    jobs.send_sms(NUMBER, "hello")
    run_worker(queue)
    assert len(provider.requests) == 1
