#!/usr/bin/env bash
# Rapporteur on Slurm: a job array with one task per shard, then a merge job.
#
#   IN=/shared/archives OUT=/shared/out SHARDS=8 deploy/slurm-array.sh
#
# Run without SLURM_ARRAY_TASK_ID (from a login node), the script submits itself as an array of
# SHARDS tasks and a merge job that starts once every task has succeeded. Inside a task,
# `--shard auto` reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT and
# converts that shard's documents into OUT, writing OUT/manifest-K-of-N.json. A requeued or
# re-submitted task resumes from its own manifest and journal.
#SBATCH --job-name=rapporteur
#SBATCH --cpus-per-task=2
#SBATCH --mem=512M
#SBATCH --time=02:00:00
#SBATCH --output=rapporteur-%A_%a.log
set -euo pipefail

IN=${IN:?set IN to the folder or archive to convert}
OUT=${OUT:?set OUT to the output folder (on a file system every node sees)}
SHARDS=${SHARDS:-8}
RAPPORTEUR=${RAPPORTEUR:-rapporteur}
# Identical bytes on every node and every retry.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-946684800}

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  array=$(sbatch --parsable --array="1-${SHARDS}" --export=ALL,IN="$IN",OUT="$OUT",SHARDS="$SHARDS" "$0")
  sbatch --dependency="afterok:${array}" --job-name=rapporteur-merge --output=rapporteur-merge-%j.log \
    --wrap="$RAPPORTEUR manifest merge '$OUT'/manifest-*-of-${SHARDS}.json -o '$OUT/manifest.json'"
  echo "submitted array job ${array} (${SHARDS} shards) and its merge job"
  exit 0
fi

exec "$RAPPORTEUR" convert "$IN" --output "$OUT" --shard auto --jobs "${SLURM_CPUS_PER_TASK:-2}" --quiet
