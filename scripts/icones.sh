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
# 256 pixels dans un dossier standard (hicolor/256x256) : le bundler range « 128x128@2x » dans
# un dossier « 256x256@2 » que les bureaux ne lisent pas.
tauri_cli icon assets/icone/passerelle.svg -o src-tauri/icons --png 256
ls src-tauri/icons
