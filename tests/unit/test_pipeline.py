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
