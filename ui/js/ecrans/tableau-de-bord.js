// Tableau de bord : les prochaines échéances (à l'horizon réglé dans Paramètres) et les chiffres de la base.

import { appeler, nombre, dateFr } from '../api.js';
import { enregistrerFichier } from '../travail.js';
import { el, remplir, alerte } from '../dom.js';

const CARTES = [
  ['etablissements', 'établissements', 'Établissements'],
  ['organisations', 'organisations', 'Organisations'],
  ['personnes', 'personnes', 'Personnes'],
  ['bassins', 'bassins', 'Bassins'],
];

export async function afficher(main) {
  const [comptes, echeances, horizons, copies] = await Promise.all([appeler('comptes_annuaire'), appeler('echeances'), appeler('horizons'),
    appeler('etat_copies').catch(() => ({}))]);
  const messageEcheancier = el('div', { id: 'echeancier-message', 'aria-live': 'polite' });
  remplir(main,
    el('h1', {}, 'Tableau de bord'),
    copies.alerte ? el('div', { id: 'alerte-copies' }, alerte([copies.alerte, ' ', el('a', { href: '#/parametres' }, 'Paramètres')], 'info')) : null,
    el('h2', {}, `Prochaines échéances (${horizons.echeances} jours)`),
    echeances.length === 0
      ? el('p', { class: 'vide', id: 'echeances-vide' }, 'Aucune échéance (convention, mandat de CET) sur cette période.')
      : el('table', { id: 'echeances-table' },
        el('caption', { class: 'sr-only' }, 'Prochaines échéances'),
        el('thead', {}, el('tr', {}, ['Date', 'Dans', 'Échéance', 'Concerne'].map((t) => el('th', { scope: 'col' }, t)))),
        el('tbody', {}, echeances.map((e) => el('tr', { class: e.jours_restants <= horizons.alerte ? 'urgent' : null },
          el('td', { class: 'sans-coupure' }, dateFr(e.date)),
          el('td', { class: 'sans-coupure' }, e.jours_restants === 0 ? 'aujourd\'hui' : e.jours_restants < 0 ? `en retard de ${-e.jours_restants} j` : `${e.jours_restants} j`),
          el('td', {}, e.libelle),
          el('td', {}, el('a', { href: `#/${e.module}/${e.objet_id}` }, e.objet)))))),
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'echeancier-ics', class: 'secondaire',
        onclick: () => enregistrerFichier(messageEcheancier, 'exporter_echeancier', { format: 'ics' }, 'Échéancier enregistré') }, 'Ajouter à mon agenda (.ics)'),
      el('button', { type: 'button', id: 'echeancier-csv', class: 'secondaire',
        onclick: () => enregistrerFichier(messageEcheancier, 'exporter_echeancier', { format: 'csv' }, 'Échéancier enregistré') }, 'Exporter en CSV')),
    messageEcheancier,
    el('h2', {}, 'Annuaire'),
    el('div', { class: 'cartes' }, CARTES.map(([cle, onglet, libelle]) =>
      el('a', { class: 'carte', href: `#/annuaire/${onglet}`, id: `carte-${cle}` },
        el('p', { class: 'nombre' }, nombre(comptes[cle])), el('p', {}, libelle)))));
}
