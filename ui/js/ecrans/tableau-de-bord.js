// Tableau de bord : les chiffres de la base ; les échéances viendront avec les conventions.

import { appeler, nombre } from '../api.js';
import { el, remplir } from '../dom.js';

const CARTES = [
  ['etablissements', 'établissements', 'Établissements'],
  ['organisations', 'organisations', 'Organisations'],
  ['personnes', 'personnes', 'Personnes'],
  ['bassins', 'bassins', 'Bassins'],
];

export async function afficher(main) {
  const comptes = await appeler('comptes_annuaire');
  remplir(main,
    el('h1', {}, 'Tableau de bord'),
    el('h2', {}, 'Annuaire'),
    el('div', { class: 'cartes' }, CARTES.map(([cle, onglet, libelle]) =>
      el('a', { class: 'carte', href: `#/annuaire/${onglet}`, id: `carte-${cle}` },
        el('p', { class: 'nombre' }, nombre(comptes[cle])), el('p', {}, libelle)))),
    el('h2', {}, 'Prochaines échéances'),
    el('p', { class: 'vide' }, 'Les échéances des conventions, des mandats et des réunions s\'afficheront ici.'));
}
