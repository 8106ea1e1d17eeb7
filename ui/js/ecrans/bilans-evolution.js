// Bilans › Évolution sur plusieurs années : les chiffres de chaque bilan annuel côte à côte, la
// variation d'une année sur l'autre, un histogramme dessiné ici (SVG, sans bibliothèque
// extérieure), les actions par thème et par académie ; le même contenu en PDF.

import { appeler, codes, nombre } from '../api.js';
import { el, remplir, alerteErreur, tableau, listeDeroulante } from '../dom.js';
import { enregistrerFichier } from '../travail.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(balise, attributs = {}, texte = null) {
  const n = document.createElementNS(SVG, balise);
  for (const [k, v] of Object.entries(attributs)) n.setAttribute(k, String(v));
  if (texte !== null) n.textContent = texte;
  return n;
}

/** Barres verticales des actions par année, valeur au-dessus, année dessous. */
function histogramme(annees) {
  const largeur = 640;
  const hauteur = 220;
  const marge = 28;
  const max = Math.max(1, ...annees.map((a) => a.actions));
  const pas = (largeur - 2 * marge) / annees.length;
  const barre = Math.min(60, pas * 0.6);
  const description = annees.map((a) => `${a.libelle} : ${nombre(a.actions)}`).join(', ');
  const g = svg('svg', { id: 'evolution-graphique', viewBox: `0 0 ${largeur} ${hauteur}`, width: largeur, height: hauteur,
    role: 'img', 'aria-label': `Actions par année : ${description}` });
  g.append(svg('line', { x1: marge, y1: hauteur - marge, x2: largeur - marge, y2: hauteur - marge, stroke: '#666' }));
  annees.forEach((a, i) => {
    const h = ((hauteur - 3 * marge) * a.actions) / max;
    const x = marge + i * pas + (pas - barre) / 2;
    const y = hauteur - marge - h;
    g.append(svg('rect', { x, y, width: barre, height: h, fill: '#000091' }),
      svg('text', { x: x + barre / 2, y: y - 6, 'text-anchor': 'middle', 'font-size': 12, fill: '#161616' }, nombre(a.actions)),
      svg('text', { x: x + barre / 2, y: hauteur - marge + 16, 'text-anchor': 'middle', 'font-size': 12, fill: '#161616' }, a.libelle));
  });
  return g;
}

const variation = (v) => (v === null || v === undefined ? '–' : `${v > 0 ? '+' : ''}${v} %`);

function tableauSeries(id, titre, annees, series) {
  return el('details', {}, el('summary', {}, titre),
    tableau(id, [titre.replace('Actions par ', '').replace(/^./, (c) => c.toUpperCase()), ...annees.map((a) => a.libelle)],
      series.map((s) => [s.libelle, ...s.actions.map(nombre)]), 'Aucune action.'));
}

function afficherEvolution(zone, e) {
  const ligne = (libelle, f) => [libelle, ...e.annees.map(f)];
  remplir(zone,
    el('p', {}, `Périmètre : ${e.perimetre_libelle}.`),
    histogramme(e.annees),
    tableau('evolution-tableau', ['Indicateur', ...e.annees.map((a) => a.libelle)], [
      ligne('Actions', (a) => nombre(a.actions)),
      ligne('Évolution des actions', (a) => variation(a.evolution)),
      ligne('Jeunes concernés', (a) => nombre(a.jeunes)),
      ligne('Enseignants et personnels', (a) => nombre(a.enseignants)),
    ], ''),
    e.ligne_couverture ? el('p', { id: 'evolution-couverture', class: 'aide' }, `${e.ligne_couverture}.`) : null,
    tableauSeries('evolution-themes', 'Actions par thème', e.annees, e.themes),
    e.academies.length ? tableauSeries('evolution-academies', 'Actions par académie', e.annees, e.academies) : null);
}

/** La section de l'écran Bilans ; `academies` : les options des académies, `annee` : la dernière. */
export function sectionEvolution(academies, annee) {
  const champ = (id, libelle, controle) => {
    controle.id = id;
    return el('div', { class: 'champ' }, el('label', { for: id }, libelle), controle);
  };
  const debut = el('input', { type: 'text', inputmode: 'numeric', size: 6, value: String(annee - 2) });
  const fin = el('input', { type: 'text', inputmode: 'numeric', size: 6, value: String(annee) });
  const genre = listeDeroulante({}, codes('periodes_bilan'));
  const academie = listeDeroulante({}, academies, 'National (toutes académies)');
  const message = el('div', { id: 'evolution-message', 'aria-live': 'polite' });
  const resultat = el('div', { id: 'evolution-resultat' });
  const args = () => ({ genre: genre.value, debut: debut.value, fin: fin.value,
    academieId: academie.value ? Number(academie.value) : null });
  const afficher = async () => {
    remplir(message);
    try {
      afficherEvolution(resultat, await appeler('evolution_ipe', args()));
    } catch (e) {
      remplir(resultat);
      remplir(message, alerteErreur(e));
    }
  };
  return el('section', { 'aria-labelledby': 'evolution-titre' },
    el('h2', { id: 'evolution-titre' }, 'Évolution sur plusieurs années'),
    el('div', { class: 'barre-liste' }, champ('evolution-debut', 'De', debut), champ('evolution-fin', 'À', fin),
      champ('evolution-genre', 'Période', genre), champ('evolution-academie', 'Périmètre', academie),
      el('button', { type: 'button', id: 'evolution-afficher', onclick: afficher }, 'Afficher l\'évolution'),
      el('button', { type: 'button', class: 'secondaire', id: 'evolution-pdf',
        onclick: () => enregistrerFichier(message, 'exporter_evolution_ipe', args(), 'Évolution enregistrée') }, 'Exporter en PDF')),
    message, resultat);
}
