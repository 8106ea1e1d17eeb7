#!/usr/bin/env bash
# Installe ce qui manque pour construire Passerelle (et, avec --tests, pour la tester).
# Sans effet si tout est déjà là ; fonctionne sur une Debian ou Ubuntu neuve.
set -euo pipefail
cd "$(dirname "$0")/.."

PAQUETS=(
  build-essential pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev
  fonts-dejavu-core
)
PAQUETS_TESTS=(xvfb xauth webkit2gtk-driver poppler-utils imagemagick xdotool)

avec_tests=0
[[ "${1:-}" == "--tests" ]] && avec_tests=1
(( avec_tests )) && PAQUETS+=("${PAQUETS_TESTS[@]}")
# node vérifie la syntaxe des modules de la page ; celui de la machine suffit s'il existe.
(( avec_tests )) && ! command -v node >/dev/null 2>&1 && PAQUETS+=(nodejs)

manquants=()
for p in "${PAQUETS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || manquants+=("$p")
done
if (( ${#manquants[@]} )); then
  echo "Installation des paquets manquants : ${manquants[*]}"
  sudo_=""; [[ $(id -u) -ne 0 ]] && sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${manquants[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  [[ -x "$HOME/.cargo/bin/cargo" ]] && export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust est absent : installez-le avec rustup (https://rustup.rs), version 1.90 ou plus récente, puis relancez." >&2
  exit 1
fi

# Les portes de tester.sh passent par rustfmt et clippy (composants de rustup).
if (( avec_tests )) && ! { cargo fmt --version && cargo clippy --version; } >/dev/null 2>&1; then
  rustup component add rustfmt clippy
fi

# tauri-driver pilote la fenêtre pendant les tests de bout en bout ; il reste dans .outils/.
if (( avec_tests )) && ! .outils/bin/tauri-driver --help >/dev/null 2>&1; then
  echo "Installation de tauri-driver dans .outils/"
  cargo install tauri-driver --locked --version '^2' --root .outils --quiet
fi
