// Historique d'une fiche et lignes du journal : une entrée par changement, champ par champ
// (« statut : en vigueur → dénoncée »). Partagé par l'écran Journal et l'onglet Historique des fiches.

import { appeler } from './api.js';
import { el, remplir, alerte } from './dom.js';

/** Les changements d'une entrée : liste « champ : avant → après » ; d'une fiche supprimée,
 * ses champs barrés (sans « après »). */
export function changements(e) {
  if (e.en_bloc) return el('p', { class: 'aide' }, 'Les valeurs de chaque fiche sont dans son onglet Historique.');
  if (e.changements.length === 0) return '';
  const valeurs = (c) => {
    if (!c.avant) return el('ins', {}, c.apres);
    if (!c.apres) return el('del', {}, c.avant);
    return [el('del', {}, c.avant), ' → ', el('ins', {}, c.apres)];
  };
  return el('ul', { class: 'changements' }, e.changements.map((c) => el('li', {},
    el('span', { class: 'champ-change' }, `${c.champ} : `), valeurs(c))));
}

/** Le tableau des entrées ; `action(e)` ajoute un bouton dans la dernière colonne. */
export function tableauJournal(id, entrees, { avecFiche = true, action = null, vide = 'Aucun changement enregistré.' } = {}) {
  if (entrees.length === 0) return el('p', { class: 'vide', id }, vide);
  return el('table', { id, class: 'journal' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Date'),
      avecFiche ? el('th', { scope: 'col' }, 'Fiche') : null,
      el('th', { scope: 'col' }, 'Opération'),
      el('th', { scope: 'col' }, 'Changements'),
      action ? el('th', { scope: 'col', class: 'actions-ligne' }, el('span', { class: 'sr-only' }, 'Actions')) : null)),
    el('tbody', {}, entrees.map((e) => el('tr', { 'data-id': e.id },
      el('td', { class: 'date' }, e.quand_fr),
      avecFiche ? el('td', {}, e.fiche, el('span', { class: 'contexte' }, ` · ${e.module_libelle}`)) : null,
      el('td', {}, e.operation_libelle, el('span', { class: 'contexte' }, ` (${e.chemin_libelle})`)),
      el('td', {}, changements(e)),
      action ? el('td', { class: 'actions-ligne' }, action(e)) : null))));
}

/** L'onglet Historique d'une fiche (`table`, `id`) : ses changements et ceux de ses parties. */
export async function blocHistorique(table, id, nom) {
  const zone = el('section', { class: 'historique', 'aria-label': `Historique de ${nom}` });
  try {
    const [entrees, provenance] = await Promise.all([
      appeler('historique_fiche', { table, id }), appeler('provenance_fiche', { table, id })]);
    // Une fiche reçue d'un paquet de consolidation dit d'où elle vient.
    remplir(zone, provenance.length
      ? el('ul', { class: 'provenance', id: `provenance-${table}-${id}`, 'aria-label': 'Provenance' }, provenance.map((p) => el('li', {}, p)))
      : null,
    tableauJournal(`historique-${table}-${id}`, entrees,
      { avecFiche: entrees.some((e) => e.table !== table), vide: 'Aucun changement enregistré pour cette fiche.' }));
  } catch (e) {
    remplir(zone, alerte(e.message, 'erreur'));
  }
  return zone;
}

/**
 * Deux onglets « Fiche » / « Historique » (motif ARIA tablist, flèches gauche/droite) au-dessus
 * du formulaire d'une fiche ; l'historique est lu quand on ouvre son onglet.
 */
export function ongletsFiche({ idBase, fiche, table, id, nom }) {
  const panneaux = [fiche, el('div')];
  const onglets = ['Fiche', 'Historique'].map((titre, i) => el('button', {
    type: 'button', role: 'tab', id: `${idBase}-onglet-${i}`, 'aria-controls': `${idBase}-panneau-${i}`,
    'aria-selected': i === 0 ? 'true' : 'false', tabindex: i === 0 ? '0' : '-1', class: 'onglet',
  }, titre));
  const conteneurs = panneaux.map((p, i) => el('div', {
    role: 'tabpanel', id: `${idBase}-panneau-${i}`, 'aria-labelledby': `${idBase}-onglet-${i}`, hidden: i !== 0,
  }, p));
  const choisir = async (i) => {
    onglets.forEach((o, j) => { o.setAttribute('aria-selected', String(i === j)); o.tabIndex = i === j ? 0 : -1; });
    conteneurs.forEach((c, j) => { c.hidden = i !== j; });
    onglets[i].focus();
    if (i === 1) remplir(conteneurs[1], await blocHistorique(table, id, nom));
  };
  onglets.forEach((o, i) => {
    o.addEventListener('click', () => choisir(i));
    o.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') { ev.preventDefault(); choisir(1 - i); }
    });
  });
  return el('div', { class: 'onglets-fiche' }, el('div', { role: 'tablist', 'aria-label': `Fiche de ${nom}` }, onglets), conteneurs);
}
