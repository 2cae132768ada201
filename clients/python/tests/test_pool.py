"""tito_client against a real two-worker tito-server: pick, create, chat, get, delete, errors."""

import random

import pytest

from tito_client import Session, SessionServerError, SessionServerPool, urls_for_miles_ports


def test_miles_port_settings_map_to_one_url_per_port():
    assert urls_for_miles_ports("10.0.0.5", [8000]) == ["http://10.0.0.5:8000"]
    assert urls_for_miles_ports("10.0.0.5", [8000, 8003]) == [
        "http://10.0.0.5:8000", "http://10.0.0.5:8001", "http://10.0.0.5:8002"]
    assert urls_for_miles_ports("fd00::1", [9000]) == ["http://[fd00::1]:9000"]
    with pytest.raises(ValueError):
        urls_for_miles_ports("h", [8001, 8001])
    pool = SessionServerPool.from_miles("h", [7000, 7002])
    assert pool.urls == ["http://h:7000", "http://h:7001"]


def test_pool_arguments():
    assert SessionServerPool(host="h", ports=[1, 2]).urls == ["http://h:1", "http://h:2"]
    assert SessionServerPool(["http://h:1/"]).urls == ["http://h:1"]
    with pytest.raises(ValueError):
        SessionServerPool()
    with pytest.raises(ValueError):
        SessionServerPool([])
    with pytest.raises(ValueError):
        SessionServerPool(["http://h:1"], host="h", ports=[1])


def test_pick_is_uniform_over_the_urls():
    pool = SessionServerPool(host="h", ports=[1, 2], rng=random.Random(7))
    picks = [pool.pick() for _ in range(400)]
    assert 150 < picks.count("http://h:1") < 250
    assert set(picks) == {"http://h:1", "http://h:2"}


def test_each_worker_has_its_own_instance_id(workers):
    pool = SessionServerPool(workers.urls)
    ids = [pool.health(u)["session_server_instance_id"] for u in pool.urls]
    assert ids == ["py-0", "py-1"]


def test_session_lifecycle_stays_on_its_worker(workers):
    pool = SessionServerPool(workers.urls, rng=random.Random(1))
    s = pool.create_session()
    assert s.server_url in workers.urls
    assert len(s.session_id) == 32
    assert s.base_url == f"{s.server_url}/sessions/{s.session_id}"
    assert s.openai_base_url == s.base_url + "/v1"
    assert s.chat_completions_url == s.base_url + "/v1/chat/completions"
    doc = s.get()
    assert doc["session_id"] == s.session_id
    assert doc["records"] == []

    other = next(u for u in workers.urls if u != s.server_url)
    with pytest.raises(SessionServerError) as e:
        Session(other, s.session_id).get()
    assert e.value.status == 404

    s.delete()
    with pytest.raises(SessionServerError) as e:
        s.get()
    assert e.value.status == 404
    assert e.value.error == f"session not found: session_id={s.session_id}"
    s.delete(missing_ok=True)
    with pytest.raises(SessionServerError):
        s.delete()


def test_sessions_spread_over_both_workers(workers):
    pool = SessionServerPool(workers.urls, rng=random.Random(3))
    sessions = [pool.create_session() for _ in range(20)]
    assert {s.server_url for s in sessions} == set(workers.urls)
    for s in sessions:
        s.delete()


def test_context_manager_deletes(workers):
    pool = SessionServerPool(workers.urls)
    with pool.create_session() as s:
        assert s.get()["session_id"] == s.session_id
    with pytest.raises(SessionServerError) as e:
        s.get()
    assert e.value.status == 404


def test_create_on_a_given_server(workers):
    pool = SessionServerPool(workers.urls)
    with pool.create_session(workers.urls[1]) as s:
        assert s.server_url == workers.urls[1]


def test_transport_failure_has_no_status():
    pool = SessionServerPool(["http://127.0.0.1:1"], timeout=5)
    with pytest.raises(SessionServerError) as e:
        pool.create_session()
    assert e.value.status is None
    assert "POST http://127.0.0.1:1/sessions failed" in str(e.value)


def test_chat_turns_go_to_the_session_worker(workers):
    pool = SessionServerPool(workers.urls)
    with pool.create_session() as s:
        messages = [{"role": "user", "content": "hi"}]
        reply = s.chat({"model": "m", "messages": messages})
        assert reply["choices"][0]["message"]["role"] == "assistant"
        messages.append(reply["choices"][0]["message"])  # as returned, so the trajectory appends
        messages.append({"role": "user", "content": "and again"})
        s.chat({"model": "m", "messages": messages})
        assert len(s.get()["records"]) == 2
        other = next(u for u in workers.urls if u != s.server_url)
        with pytest.raises(SessionServerError) as e:
            Session(other, s.session_id).chat({"model": "m", "messages": messages})
        assert e.value.status == 404


def test_openai_sdk_with_openai_base_url(workers):
    openai = pytest.importorskip("openai")
    pool = SessionServerPool(workers.urls)
    with pool.create_session() as s:
        client = openai.OpenAI(base_url=s.openai_base_url, api_key="none", max_retries=0)
        reply = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
        assert reply.choices[0].message.role == "assistant"
        assert len(s.get()["records"]) == 1
