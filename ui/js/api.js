// Appel des commandes Rust. Toute erreur arrive sous la forme {code, message, champs}.

export class ErreurPasserelle extends Error {
  constructor({ code = 'inconnue', message = 'Erreur inattendue.', champs = [] } = {}) {
    super(message);
    this.code = code;
    this.champs = champs;
  }
}

export async function appeler(commande, args = {}) {
  try {
    // Les commandes forment le greffon interne « passerelle » (voir src-tauri/build.rs).
    return await window.__TAURI__.core.invoke(`plugin:passerelle|${commande}`, args);
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

/** Les académies en options d'une liste : `{ code: id, libelle: nom }` ; `avecCode` ajoute le code
 * officiel au nom (« Lille (09) ») ; `parCode` : la valeur est ce code plutôt que l'id. */
export const optionsAcademies = async (avecCode = false, { parCode = false } = {}) => (await references()).academies
  .map((a) => ({ code: parCode ? a.code : a.id, libelle: avecCode ? `${a.nom} (${a.code})` : a.nom }));

let codesCharges = null;

/** Charge, au démarrage, les listes de codes (types, statuts, collèges…) : elles viennent de Rust. */
export async function chargerCodes() {
  codesCharges = (await references()).codes;
}

/** La liste de codes `nom` : [{code, libelle}] (vide tant que la base n'est pas ouverte). */
export function codes(nom) {
  if (!codesCharges) return [];
  const liste = codesCharges[nom];
  if (!liste) throw new Error(`Liste de codes inconnue : ${nom}.`);
  return liste;
}

/** Le libellé d'un code de la liste `nom` (le code lui-même s'il est inconnu). */
export const libelleCode = (nom, code) => codes(nom).find((x) => x.code === code)?.libelle ?? code ?? '';

const nombres = new Intl.NumberFormat('fr-FR');
/** 222 471 */
export const nombre = (n) => nombres.format(n);
/** 35 Ko, 1,2 Mo */
export const taille = (octets) => (octets < 1024 * 1024
  ? `${Math.max(1, Math.round(octets / 1024))} Ko`
  : `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(octets / (1024 * 1024))} Mo`);
/** « 1 établissement », « 2 008 établissements » */
export const quantite = (n, [un, plusieurs]) => `${nombre(n)} ${n > 1 ? plusieurs : un}`;

/** Année scolaire en cours : « 2026-2027 » à partir du 1er septembre. */
export function anneeScolaire(d = new Date()) {
  const debut = d.getMonth() >= 8 ? d.getFullYear() : d.getFullYear() - 1;
  return `${debut}-${debut + 1}`;
}

/** 2026-11-24 → 24/11/2026 */
export const dateFr = (iso) => (iso ? iso.split('-').reverse().join('/') : '');
