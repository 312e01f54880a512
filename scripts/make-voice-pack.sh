#!/usr/bin/env bash
# Generates the default voice pack with espeak-ng (Debian package espeak-ng): one WAV file per
# clip the announcement planner uses, for the languages asked (Docs/Audio.md). Run at build or
# install time; the generated audio is never committed.
#
#   scripts/make-voice-pack.sh DIR [LANGUAGES]     # LANGUAGES: az,ru,en (default)
#
# The pack's skeleton (manifest.json, the chime, clips.tsv listing file, language and text)
# comes from `lobbyctl audio template`; if DIR/clips.tsv already exists it is used as it is.
# Environment: LOBBYCTL (default: lobbyctl on PATH), ESPEAK_RATE (words per minute, default 150).
set -euo pipefail
dir=${1:?usage: make-voice-pack.sh DIR [LANGUAGES]}
languages=${2:-az,ru,en}
rate=${ESPEAK_RATE:-150}
command -v espeak-ng >/dev/null || { echo "make-voice-pack: espeak-ng is not installed (apt-get install espeak-ng)" >&2; exit 69; }

if [ ! -f "$dir/clips.tsv" ]; then
  "${LOBBYCTL:-lobbyctl}" audio template "$dir" --languages "$languages" --name "Default voice (espeak-ng)"
fi

voice() {
  case "$1" in
    az) echo az ;;
    ru) echo ru ;;
    en) echo en ;;   # British English (gmw/en)
    *) echo "make-voice-pack: no espeak-ng voice for language '$1'" >&2; exit 65 ;;
  esac
}

count=0
while IFS=$'\t' read -r file language text; do
  [ "$file" = file ] && continue
  mkdir -p "$dir/$(dirname "$file")"
  espeak-ng -v "$(voice "$language")" -s "$rate" -w "$dir/$file" -- "$text"
  count=$((count + 1))
done < "$dir/clips.tsv"
echo "make-voice-pack: $count clips written to $dir"
