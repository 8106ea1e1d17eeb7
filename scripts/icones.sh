#!/usr/bin/env bash
# Produit toutes les icônes du paquet (src-tauri/icons/) depuis la seule image source
# assets/icone/passerelle.svg, avec « tauri icon » (CLI npm installée dans .outils/ par
# scripts/paquets.sh). Les icônes produites sont versionnées : à relancer seulement quand
# l'image source change. Android et iOS ne sont pas des cibles de Passerelle : écartés.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/outils-tauri.sh
tauri_cli icon assets/icone/passerelle.svg -o src-tauri/icons
rm -rf src-tauri/icons/android src-tauri/icons/ios
ls src-tauri/icons
