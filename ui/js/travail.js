// Les longs travaux (imports, campagne) tournent en Rust sur un fil à part : la page suit leur
// avancement, propose « Annuler », et reste utilisable pendant ce temps (on peut changer d'écran).

import { appeler, nombre, ErreurPasserelle } from './api.js';
import { el, remplir } from './dom.js';

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
export async function suivreTravail(zone, commande, args, { quoi = 'lignes', titre = 'Travail en cours' } = {}) {
  const id = await appeler(commande, args);
  const barre = el('progress', { id: 'travail-progression', max: 1, value: 0, 'aria-label': titre });
  const texte = el('span', { id: 'travail-texte' }, 'Lecture du fichier…');
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
      if (!annuler.disabled) texte.textContent = `${nombre(e.fait)} / ${nombre(e.total)} ${quoi}${restant(e.secondes_restantes)}`;
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
