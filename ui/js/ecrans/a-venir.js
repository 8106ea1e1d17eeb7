// Écran d'un module dont l'issue n'a pas encore été livrée : dit ce qui viendra.

import { el, remplir } from '../dom.js';

export function aVenir(titre, description) {
  return (main) => remplir(main,
    el('h1', {}, titre),
    el('div', { class: 'alerte' }, el('p', {}, el('strong', {}, 'Bientôt dans Passerelle. '), description)),
    el('p', {}, 'L\'annuaire (établissements, organisations, personnes, bassins) est déjà disponible : ',
      el('a', { href: '#/annuaire' }, 'ouvrir l\'annuaire'), '.'));
}
