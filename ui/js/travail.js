// Les longs travaux (imports, campagne, documents) tournent en Rust sur un fil à part : la page
// suit leur avancement, propose « Annuler », et reste utilisable pendant ce temps (on peut changer
// d'écran). Les fichiers se choisissent et s'enregistrent par les dialogues du système.

import { appeler, nombre, ErreurPasserelle } from './api.js';
import { el, remplir, alerte } from './dom.js';

const attendre = (ms) => new Promise((r) => { setTimeout(r, ms); });

/** « environ 8 s restantes », « environ 2 min restantes » */
function restant(secondes) {
  if (secondes === null || secondes === undefined) return '';
  return secondes < 60 ? ` — environ ${secondes} s restantes` : ` — environ ${Math.round(secondes / 60)} min restantes`;
}

/**
 * Lance `commande` (qui rend le numéro d'un travail) et montre son avancement dans `zone` :
 * barre de progression, « 12 000 / 20 000 lignes », temps restant, bouton « Annuler ».
 * Rend le résultat ; une erreur (dont l'annulation, code « annulee ») est levée.
 */
export async function suivreTravail(zone, commande, args, { quoi = 'lignes', titre = 'Travail en cours', etapes = null } = {}) {
  const id = await appeler(commande, args);
  const barre = el('progress', { id: 'travail-progression', max: 1, value: 0, 'aria-label': titre });
  const texte = el('span', { id: 'travail-texte' }, etapes ? etapes[0] : 'Lecture du fichier…');
  const annuler = el('button', { type: 'button', id: 'travail-annuler', class: 'secondaire',
    onclick: async () => {
      annuler.disabled = true;
      texte.textContent = 'Annulation en cours…';
      await appeler('annuler_travail', { id }).catch(() => {});
    } }, 'Annuler');
  remplir(zone, el('div', { class: 'travail', role: 'status' }, el('p', {}, el('strong', {}, titre)), barre, ' ', texte, ' ', annuler));
  for (;;) {
    const e = await appeler('suivre_travail', { id });
    if (e.total > 0) {
      barre.max = e.total;
      barre.value = e.fait;
      if (!annuler.disabled) {
        texte.textContent = etapes
          ? etapes[Math.min(e.fait, etapes.length - 1)]
          : `${nombre(e.fait)} / ${nombre(e.total)} ${quoi}${restant(e.secondes_restantes)}`;
      }
    }
    if (e.fini) {
      remplir(zone);
      if (e.erreur) throw new ErreurPasserelle(e.erreur);
      return e.resultat;
    }
    await attendre(150);
  }
}

/** Le dialogue « Ouvrir » du système pour un import (`genre` : csv, tableur) ; null si annulé. */
export const choisirFichier = (genre) => appeler('choisir_fichier', { genre });

/**
 * Lance une commande qui produit un document (long travail, annulable) puis demande où
 * l'enregistrer (dialogue du système). Dit où il est, avec « Ouvrir » et « Afficher dans le dossier » ; ou que
 * l'enregistrement est annulé ; ou pourquoi le document n'a pas pu être produit.
 */
export async function enregistrerFichier(zoneMessage, commande, args, libelle = 'Fichier enregistré') {
  try {
    const fichier = await suivreTravail(zoneMessage, commande, args,
      { titre: 'Document', etapes: ['Préparation du document…', 'Choix du fichier dans la fenêtre « Enregistrer sous »…', 'Écriture du fichier…'] });
    if (!fichier) {
      remplir(zoneMessage, alerte('Enregistrement annulé : aucun fichier écrit.'));
      return null;
    }
    noticeEnregistre(zoneMessage, fichier, libelle);
    return fichier;
  } catch (e) {
    remplir(zoneMessage, alerte(e.message, e.code === 'annulee' ? 'info' : 'erreur'));
    return null;
  }
}

/** « Bilan enregistré : Bilan IPE 2007 - national.pdf dans /home/… » avec ses deux boutons. */
export function noticeEnregistre(zoneMessage, { rang, nom, dossier, avertissements = [] }, libelle = 'Fichier enregistré') {
  const erreur = el('span', { class: 'erreur-ouverture' });
  const geste = (commande) => () => appeler(commande, { rang }).catch((e) => { erreur.textContent = e.message; });
  remplir(zoneMessage, alerte([
    el('span', { class: 'fichier-enregistre' }, `${libelle} : `, el('strong', {}, nom), ` dans ${dossier}`),
    el('span', { class: 'actions' },
      el('button', { type: 'button', class: 'secondaire', onclick: geste('ouvrir_fichier') }, 'Ouvrir'),
      el('button', { type: 'button', class: 'secondaire', onclick: geste('montrer_fichier') }, 'Afficher dans le dossier')),
    avertissements.length
      ? el('ul', { class: 'avertissements', 'aria-label': 'Avertissements' }, avertissements.map((a) => el('li', {}, a)))
      : null,
    erreur,
  ], 'succes'));
}
