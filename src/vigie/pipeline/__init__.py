"""Named per-article stages and the pipeline that checks and runs them."""

from vigie.pipeline.pipeline import Pipeline, run_batch, run_stages
from vigie.pipeline.registry import STAGES, Stage, get_stage, stage

__all__ = ["STAGES", "Pipeline", "Stage", "get_stage", "run_batch", "run_stages", "stage"]
