#!/usr/bin/env bash
# Tous les tests : unitaires, intégration, ligne de commande, puis bout en bout dans la vraie
# fenêtre (tauri-driver + WebKitWebDriver sous Xvfb). Installe d'abord ce qui manque.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh --tests
[[ -x "$HOME/.cargo/bin/cargo" ]] && export PATH="$HOME/.cargo/bin:$PATH"
export GSETTINGS_BACKEND=memory

echo "== Portes : formatage, lint (clippy), syntaxe des modules de la page"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# Chaque module est vérifié comme module ES (.mjs) : « node --check » seul accepte sans rien
# dire un module cassé hors d'un paquet « module ».
verif=$(mktemp -d)
for f in ui/js/*.js ui/js/ecrans/*.js; do
  cp "$f" "$verif/module.mjs"
  node --check "$verif/module.mjs" || { echo "Module de la page invalide : $f" >&2; exit 1; }
done
rm -rf "$verif"

echo "== Tests unitaires, d'intégration et de la ligne de commande"
cargo test --workspace --locked

echo "== Tests de bout en bout (fenêtre réelle sous Xvfb)"
# --workspace comme ci-dessus : mêmes « features » des dépendances, donc rien à recompiler (40 s gagnées).
xvfb-run -a -s "-screen 0 1280x1024x24" \
  cargo test --workspace --locked --test e2e -- --ignored --test-threads=1
