#!/usr/bin/env bash
# Installe ce qui manque, construit Passerelle et l'ouvre sur la base par défaut
# (ou sur celle de PASSERELLE_DB). Les arguments sont passés à passerelle : --db FICHIER…
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh
[[ -x "$HOME/.cargo/bin/cargo" ]] && export PATH="$HOME/.cargo/bin:$PATH"
profil="${PROFIL:-dev}"
cargo build -p passerelle --profile "$profil"
dossier=debug; [[ "$profil" != dev ]] && dossier="$profil"
exec "target/$dossier/passerelle" "$@"
