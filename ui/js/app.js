// Point d'entrée : barre d'état, premier démarrage, navigation par l'adresse (#/annuaire/personnes).

import { appeler, chargerCodes, dateFr } from './api.js';
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
import * as journal from './ecrans/journal.js';
import * as consolidation from './ecrans/consolidation.js';

const ECRANS = {
  'tableau-de-bord': tableauDeBord.afficher,
  conventions: conventions.afficher,
  clee: clee.afficher,
  cet: cet.afficher,
  ipe: ipe.afficher,
  bilans: bilans.afficher,
  annuaire: annuaire.afficher,
  consolidation: consolidation.afficher,
  journal: journal.afficher,
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
    el('p', {}, 'Ouvrez une autre base par le menu Fichier (Ctrl+O), ou créez-en une nouvelle (Ctrl+N).'));
}

/** « Dernière sauvegarde : il y a 12 min », « … le 24/11/2026 à 14h05 », « Aucune sauvegarde ». */
function derniereSauvegarde(quand) {
  if (!quand) return 'Aucune sauvegarde';
  const minutes = Math.max(0, Math.round((Date.now() - new Date(quand).getTime()) / 60000));
  if (minutes < 1) return 'Dernière sauvegarde : à l\'instant';
  if (minutes < 60) return `Dernière sauvegarde : il y a ${minutes} min`;
  if (minutes < 24 * 60) return `Dernière sauvegarde : il y a ${Math.round(minutes / 60)} h`;
  const [date, heure] = quand.split('T');
  return `Dernière sauvegarde : le ${dateFr(date)} à ${heure.replace(':', 'h')}`;
}

/**
 * Paquets ouverts depuis le bureau (double-clic, ou seconde fenêtre qui passe la main) : au
 * démarrage, l'écran Consolidation s'ouvre sur leur aperçu ; plus tard, un avis le propose sans
 * quitter l'écran en cours (une saisie commencée n'est pas perdue).
 */
async function paquetsDuBureau(auDemarrage) {
  const fichiers = await appeler('paquets_a_ouvrir').catch(() => []);
  if (fichiers.length === 0) return;
  await consolidation.paquetsRecus(fichiers);
  if (location.hash === '#/consolidation') return;
  if (auDemarrage) location.hash = '#/consolidation';
  else main.prepend(alerte([`Paquet reçu : ${fichiers.map((f) => f.nom).join(', ')}. `,
    el('a', { href: '#/consolidation' }, 'Voir son aperçu')]));
}

async function demarrer() {
  infos = await appeler('infos_base');
  remplir(document.getElementById('etat-base'),
    `Base : ${infos.chemin}`, infos.version_schema ? ` · schéma ${infos.version_schema}` : '', ` · Passerelle ${infos.version_programme}`,
    infos.erreur ? '' : el('span', { id: 'etat-sauvegarde' }, ` · ${derniereSauvegarde(infos.derniere_sauvegarde)}`));
  if (!infos.erreur) await chargerCodes();
  window.addEventListener('hashchange', () => { naviguer(); main.focus(); });
  if (infos.accueil_requis) {
    await accueil.afficher(main, async () => {
      infos.accueil_requis = false;
      if (location.hash === '#/tableau-de-bord') await naviguer();
      else location.hash = '#/tableau-de-bord';
      await paquetsDuBureau(true);
    });
    window.addEventListener('passerelle-paquets', () => paquetsDuBureau(false));
    return;
  }
  await naviguer();
  await paquetsDuBureau(true);
  window.addEventListener('passerelle-paquets', () => paquetsDuBureau(false));
}

// Une erreur imprévue s'affiche en français au lieu de passer inaperçue.
window.addEventListener('unhandledrejection', (ev) => {
  main.prepend(alerte(`Erreur inattendue : ${ev.reason?.message ?? ev.reason}`, 'erreur'));
});
demarrer().catch((e) => remplir(main, alerte(e.message ?? String(e), 'erreur')));
