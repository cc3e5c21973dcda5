from __future__ import annotations

import pickle

import pytest

from vigie.article import Article
from vigie.config import Options
from vigie.errors import PipelineError
from vigie.pipeline import Pipeline, run_stages, stage


@stage("test_upper", requires=("text",), assigns=("results.upper",))
def _upper(article: Article, options: Options) -> None:
    article.results["upper"] = article.text.upper()


@stage("test_needs_upper", requires=("results.upper",), assigns=("results.len",))
def _needs_upper(article: Article, options: Options) -> None:
    article.results["len"] = len(article.results["upper"])


@stage("test_boom", requires=("text",), assigns=("results.upper",))
def _boom(article: Article, options: Options) -> None:
    if "boom" in article.text:
        raise RuntimeError("exploded on purpose")
    article.results["upper"] = article.text.upper()


def test_unknown_stage_is_a_clear_error() -> None:
    with pytest.raises(PipelineError, match=r"unknown stage 'nope'.*known stages"):
        Pipeline(["nope"])


def test_unmet_requirement_names_the_stage_to_put_first() -> None:
    with pytest.raises(PipelineError, match=r"requires results\.upper.*test_upper"):
        Pipeline(["test_needs_upper", "test_upper"])


def test_duplicate_stage_is_refused() -> None:
    with pytest.raises(PipelineError, match="twice"):
        Pipeline(["test_upper", "test_upper"])


def test_default_pipeline_loads() -> None:
    p = Pipeline.from_options(Options())
    assert p.names[0] == "extract"


def test_failing_stage_records_error_and_batch_goes_on() -> None:
    opts = Options()
    names = ["test_boom", "test_needs_upper"]
    Pipeline(names, opts)
    bad = run_stages(names, Article(doc="a", text="boom"), opts)
    good = run_stages(names, Article(doc="b", text="fine"), opts)
    assert [e.stage for e in bad.errors] == ["test_boom", "test_needs_upper"]
    assert "exploded on purpose" in bad.errors[0].message
    assert bad.errors[1].error == "skipped"
    assert good.errors == [] and good.results["len"] == 4


def test_stages_pickle_by_reference() -> None:
    p = Pipeline(["test_upper"])
    st = p.stages[0]
    assert pickle.loads(pickle.dumps(st.fn)) is st.fn


def _batch_upper(articles: list[Article], options: Options) -> None:
    for a in articles:
        if "boom" in a.text:
            a.add_error("test_batched", ValueError("bad one"))
        else:
            a.results["upper"] = a.text.upper() + "!"


@stage("test_batched", requires=("text",), assigns=("results.upper",), batch=_batch_upper)
def _batched(article: Article, options: Options) -> None:
    article.results["upper"] = article.text.upper() + "!"


def test_run_batch_uses_the_batched_form_and_keeps_errors_per_article() -> None:
    from vigie.pipeline import run_batch

    opts = Options()
    arts = [Article(doc="a", text="ok"), Article(doc="b", text="boom"), Article(doc="c", text="x")]
    run_batch(["test_batched", "test_needs_upper"], arts, opts)
    assert arts[0].results == {"upper": "OK!", "len": 3}
    assert [e.error for e in arts[1].errors] == ["ValueError", "skipped"]
    assert arts[2].done == ["test_batched", "test_needs_upper"]
    single = run_stages(["test_batched", "test_needs_upper"], Article(doc="d", text="ok"), opts)
    assert single.results == arts[0].results
