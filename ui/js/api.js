// Appel des commandes Rust. Toute erreur arrive sous la forme {code, message, champs}.

import { el, remplir } from './dom.js';

export class ErreurPasserelle extends Error {
  constructor({ code = 'inconnue', message = 'Erreur inattendue.', champs = [] } = {}) {
    super(message);
    this.code = code;
    this.champs = champs;
  }
}

export async function appeler(commande, args = {}) {
  try {
    return await window.__TAURI__.core.invoke(commande, args);
  } catch (e) {
    throw new ErreurPasserelle(e && typeof e === 'object' ? e : { message: String(e) });
  }
}

let referencesEnCache = null;

/** Listes de référence (académies, types, civilités, secteurs) ; relues après un changement. */
export async function references(relire = false) {
  if (!referencesEnCache || relire) referencesEnCache = await appeler('references');
  return referencesEnCache;
}

const nombres = new Intl.NumberFormat('fr-FR');
/** 222 471 */
export const nombre = (n) => nombres.format(n);
/** « 1 établissement », « 2 008 établissements » */
export const quantite = (n, [un, plusieurs]) => `${nombre(n)} ${n > 1 ? plusieurs : un}`;

/** Année scolaire en cours : « 2026-2027 » à partir du 1er septembre. */
export function anneeScolaire(d = new Date()) {
  const debut = d.getMonth() >= 8 ? d.getFullYear() : d.getFullYear() - 1;
  return `${debut}-${debut + 1}`;
}

/** 2026-11-24 → 24/11/2026 */
export const dateFr = (iso) => (iso ? iso.split('-').reverse().join('/') : '');

/** Appelle une commande qui écrit un fichier et dit où il est (ou pourquoi il n'a pas pu l'être). */
export async function enregistrerFichier(zoneMessage, commande, args, libelle = 'Fichier enregistré') {
  try {
    const chemin = await appeler(commande, args);
    remplir(zoneMessage, el('div', { class: 'alerte succes', role: 'status' }, `${libelle} : ${chemin}`));
    return chemin;
  } catch (e) {
    remplir(zoneMessage, el('div', { class: 'alerte erreur', role: 'alert' }, e.message));
    return null;
  }
}
