// Premier démarrage sur une base vide : commencer à vide ou explorer la démonstration.

import { appeler } from '../api.js';
import { el, remplir, alerte } from '../dom.js';

export function afficher(main, suite) {
  const message = el('div');
  const choisir = async (demonstration) => {
    for (const b of main.querySelectorAll('button')) b.disabled = true;
    try {
      await appeler('choisir_accueil', { demonstration });
      await suite();
    } catch (e) {
      remplir(message, alerte(e.message, 'erreur'));
      for (const b of main.querySelectorAll('button')) b.disabled = false;
    }
  };
  remplir(main, el('section', { class: 'accueil', 'aria-labelledby': 'accueil-titre' },
    el('h1', { id: 'accueil-titre' }, 'Bienvenue dans Passerelle'),
    el('p', {}, 'Cette base est vide. Vous pouvez saisir vos propres données dès maintenant, ou découvrir l\'outil sur une académie de démonstration (données inventées).'),
    message,
    el('div', { class: 'choix' },
      el('button', { type: 'button', id: 'accueil-vide', onclick: () => choisir(false) }, 'Commencer avec une base vide'),
      el('button', { type: 'button', id: 'accueil-demo', class: 'secondaire', onclick: () => choisir(true) }, 'Explorer la base de démonstration'))));
  main.querySelector('#accueil-vide').focus();
}
