// Point d'entrée : barre d'état, premier démarrage, navigation par l'adresse (#/annuaire/personnes).

import { appeler, chargerCodes } from './api.js';
import { el, remplir, alerte } from './dom.js';
import * as tableauDeBord from './ecrans/tableau-de-bord.js';
import * as annuaire from './ecrans/annuaire.js';
import * as parametres from './ecrans/parametres.js';
import * as accueil from './ecrans/accueil.js';
import * as ipe from './ecrans/ipe.js';
import * as bilans from './ecrans/bilans.js';
import * as conventions from './ecrans/conventions.js';
import * as clee from './ecrans/clee.js';
import * as cet from './ecrans/cet.js';

const ECRANS = {
  'tableau-de-bord': tableauDeBord.afficher,
  conventions: conventions.afficher,
  clee: clee.afficher,
  cet: cet.afficher,
  ipe: ipe.afficher,
  bilans: bilans.afficher,
  annuaire: annuaire.afficher,
  parametres: parametres.afficher,
};

const main = document.getElementById('contenu');
let infos = null;

async function naviguer() {
  const [nom, ...reste] = location.hash.replace(/^#\/?/, '').split('/');
  const ecran = ECRANS[nom] ? nom : 'tableau-de-bord';
  for (const a of document.querySelectorAll('#menu a')) {
    a.toggleAttribute('aria-current', a.getAttribute('href') === `#/${ecran}`);
    if (a.hasAttribute('aria-current')) a.setAttribute('aria-current', 'page');
  }
  if (infos?.accueil_requis) return;
  if (infos?.erreur) return afficherErreurBase();
  try {
    await ECRANS[ecran](main, reste);
  } catch (e) {
    remplir(main, el('h1', {}, 'Erreur'), alerte(e.message, 'erreur'));
  }
  document.title = `${main.querySelector('h1')?.textContent ?? 'Passerelle'} — Passerelle`;
}

function afficherErreurBase() {
  remplir(main, el('h1', {}, 'La base n\'a pas pu être ouverte'),
    alerte(infos.erreur, 'erreur'),
    el('p', {}, 'Relancez Passerelle avec un autre fichier : ', el('code', {}, 'passerelle --db CHEMIN'), '.'));
}

async function demarrer() {
  infos = await appeler('infos_base');
  remplir(document.getElementById('etat-base'),
    `Base : ${infos.chemin}`, infos.version_schema ? ` · schéma ${infos.version_schema}` : '', ` · Passerelle ${infos.version_programme}`);
  if (!infos.erreur) await chargerCodes();
  window.addEventListener('hashchange', () => { naviguer(); main.focus(); });
  if (infos.accueil_requis) {
    await accueil.afficher(main, async () => {
      infos.accueil_requis = false;
      if (location.hash === '#/tableau-de-bord') await naviguer();
      else location.hash = '#/tableau-de-bord';
    });
    return;
  }
  await naviguer();
}

// Une erreur imprévue s'affiche en français au lieu de passer inaperçue.
window.addEventListener('unhandledrejection', (ev) => {
  main.prepend(alerte(`Erreur inattendue : ${ev.reason?.message ?? ev.reason}`, 'erreur'));
});
demarrer().catch((e) => remplir(main, alerte(e.message ?? String(e), 'erreur')));
