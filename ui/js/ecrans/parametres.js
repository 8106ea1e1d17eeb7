// Paramètres : quelle base est ouverte, où sont les sauvegardes, quelles versions, horizons de l'échéancier.

import { appeler, dateFr, nombre, optionsAcademies } from '../api.js';
import { noticeEnregistre } from '../travail.js';
import { el, remplir, alerte, tableau, confirmer } from '../dom.js';
import { formulaire } from '../formulaire.js';

export async function afficher(main) {
  const [i, horizons] = await Promise.all([appeler('infos_base'), appeler('horizons')]);
  const message = el('div', { 'aria-live': 'polite' });
  const messageBase = el('div', { id: 'base-message', 'aria-live': 'polite' });
  // Une fois la base changée, la page se recharge sur elle.
  const changer = async (commande) => {
    try {
      if (await appeler(commande)) location.reload();
    } catch (e) {
      remplir(messageBase, alerte(e.message, 'erreur'));
    }
  };
  const copier = async () => {
    try {
      const fichier = await appeler('copier_base');
      if (fichier) noticeEnregistre(messageBase, fichier, 'Copie enregistrée');
      else remplir(messageBase, alerte('Copie annulée : aucun fichier écrit.'));
    } catch (e) {
      remplir(messageBase, alerte(e.message, 'erreur'));
    }
  };
  const f = formulaire({
    id: 'horizons', titre: 'Échéancier', libelleValider: 'Enregistrer les horizons',
    champs: [
      { cle: 'echeances', libelle: 'Horizon du tableau de bord (jours)', type: 'nombre', requis: true },
      { cle: 'alerte', libelle: 'Seuil d\'alerte (jours)', type: 'nombre', requis: true, aide: 'les échéances plus proches sont signalées' },
    ],
    valeurs: { echeances: String(horizons.echeances), alerte: String(horizons.alerte) },
    enregistrer: async (v) => {
      const n = (x) => (/^\d+$/.test(x.trim()) ? Number(x) : -1);
      await appeler('ecrire_horizons', { horizons: { echeances: Math.max(n(v.echeances), 0), alerte: Math.max(n(v.alerte), 0) } });
      remplir(message, alerte('Horizons enregistrés.', 'succes'));
    },
    annuler: () => afficher(main),
  });
  remplir(main,
    el('h1', {}, 'Paramètres'),
    el('h2', {}, 'Base de données'),
    el('dl', { class: 'infos' },
      el('dt', {}, 'Fichier ouvert'), el('dd', { id: 'parametres-chemin' }, i.chemin),
      el('dt', {}, 'Version du schéma'), el('dd', {}, String(i.version_schema ?? '—')),
      el('dt', {}, 'Version de Passerelle'), el('dd', {}, i.version_programme)),
    el('p', { class: 'actions' },
      el('button', { type: 'button', id: 'base-nouvelle', class: 'secondaire', onclick: () => changer('creer_base') }, 'Nouvelle base…'),
      el('button', { type: 'button', id: 'base-ouvrir', class: 'secondaire', onclick: () => changer('ouvrir_base') }, 'Ouvrir une base…'),
      el('button', { type: 'button', id: 'base-copie', class: 'secondaire', onclick: copier }, 'Enregistrer une copie…')),
    el('p', { class: 'aide' }, 'Aussi dans le menu Fichier (Ctrl+N, Ctrl+O, Ctrl+Maj+S). Les documents exportés sont enregistrés là où vous le choisissez.'),
    messageBase, await sectionIdentite(main), await sectionSauvegardes(main), message, f.element);
}

/** Le nom et l'académie de la base : ils signent les paquets de consolidation qu'elle exporte. */
async function sectionIdentite(main) {
  const [identite, academies] = await Promise.all([appeler('identite_base'), optionsAcademies(true, { parCode: true })]);
  const message = el('div', { id: 'identite-message', 'aria-live': 'polite' });
  const f = formulaire({
    id: 'identite', titre: 'Identité de la base', libelleValider: 'Enregistrer l\'identité',
    champs: [
      { cle: 'nom', libelle: 'Nom de la base', requis: true, aide: 'par exemple « DAET Lille » ou « IPE – Jean DUPONT – Lille »' },
      { cle: 'academie', libelle: 'Académie', type: 'choix', vide: 'Aucune (base nationale)',
        options: academies },
    ],
    valeurs: identite,
    enregistrer: async (v) => {
      const i = await appeler('nommer_base', { saisie: v });
      remplir(message, alerte(`Identité enregistrée : « ${i.nom} ». Elle sera inscrite dans les paquets exportés.`, 'succes'));
    },
    annuler: () => afficher(main),
  });
  return el('section', { 'aria-label': 'Identité de la base' }, f.element,
    el('p', { class: 'aide', id: 'identite-uid' }, `Identifiant de la base : ${identite.uid}`), message);
}

/** « 12 conventions, 2 008 actions IPE, 35 CET » */
const decrire = (c) => (c ? `${nombre(c.conventions)} conventions, ${nombre(c.actions)} actions IPE, ${nombre(c.cet)} CET` : 'contenu illisible');
/** 2026-12-02T14:05 → 02/12/2026 14h05 */
const moment = (iso) => `${dateFr(iso.slice(0, 10))} ${iso.slice(11).replace(':', 'h')}`;

/** Les sauvegardes : en prendre une, en restaurer une (l'état présent est sauvegardé d'abord). */
async function sectionSauvegardes(main) {
  const [s, retention] = await Promise.all([appeler('lister_sauvegardes'), appeler('lire_retention')]);
  const message = el('div', { id: 'sauvegardes-message', 'aria-live': 'polite' });
  const maintenant = async () => {
    try {
      const f = await appeler('sauvegarder_base');
      await afficher(main);
      noticeEnregistre(document.getElementById('sauvegardes-message'), f, 'Sauvegarde enregistrée');
    } catch (e) {
      remplir(message, alerte(e.message, 'erreur'));
    }
  };
  const restaurer = async (x) => {
    const actuelle = await appeler('lire_contenu_base').catch(() => null);
    const texte = `La base contient aujourd'hui ${decrire(actuelle)} ; la sauvegarde du ${moment(x.quand)} en contient ${decrire(x.contenu)}. `
      + 'L\'état actuel sera d\'abord sauvegardé : vous pourrez revenir en arrière.';
    if (!await confirmer('Restaurer cette sauvegarde ?', texte, 'Restaurer')) return;
    try {
      await appeler('restaurer_sauvegarde', { rang: x.rang });
      location.reload();
    } catch (e) {
      remplir(message, alerte(e.message, 'erreur'));
    }
  };
  return el('section', { 'aria-labelledby': 'sauvegardes-titre' },
    el('h2', { id: 'sauvegardes-titre' }, 'Sauvegardes'),
    el('p', {}, `Copies de la base dans ${s.dossier} : à l'ouverture, toutes les 15 minutes s'il y a eu des changements, avant chaque import, campagne ou restauration. Gardées : toutes celles des dernières ${retention.heures} heures, puis une par jour pendant ${retention.jours} jours, puis une par mois pendant ${retention.mois} mois ; celles prises avant une opération, ${retention.avant_operation_jours} jours.`),
    el('p', { class: 'actions' },
      el('button', { type: 'button', id: 'sauvegarde-maintenant', class: 'secondaire', onclick: maintenant }, 'Sauvegarder maintenant')),
    message,
    await blocCopieHorsPoste(main),
    tableau('sauvegardes-table', ['Date', 'Raison', 'Contenu', ''], s.liste.map((x) => [
      moment(x.quand), x.raison, decrire(x.contenu),
      el('button', { type: 'button', class: 'lien', 'aria-label': `Restaurer la sauvegarde du ${moment(x.quand)}`, onclick: () => restaurer(x) }, 'Restaurer')]),
    'Aucune sauvegarde pour l\'instant.'),
    formConservation(main, retention).element);
}

/** Le second dossier (clé USB, partage réseau) où chaque sauvegarde est recopiée. */
async function blocCopieHorsPoste(main) {
  const e = await appeler('etat_copies');
  const message = el('div', { id: 'copie-message', 'aria-live': 'polite' });
  const agir = (commande) => async () => {
    try {
      if (await appeler(commande) !== false) await afficher(main);
    } catch (err) {
      remplir(document.getElementById('copie-message') ?? message, alerte(err.message, 'erreur'));
    }
  };
  return el('div', { class: 'copie-hors-poste' },
    el('h3', {}, 'Copie hors du poste'),
    el('p', { id: 'copie-etat' }, e.dossier
      ? `Chaque sauvegarde est aussi recopiée dans ${e.dossier}${e.joignable ? '' : ' (introuvable pour l\'instant)'}. `
        + (e.derniere_hors_poste ? `Dernière copie hors du poste : ${moment(e.derniere_hors_poste)}.` : '')
      : 'Aucun dossier de copie : les sauvegardes ne sont que sur ce poste.'),
    e.alerte ? alerte(e.alerte, 'info') : null,
    el('p', { class: 'actions' },
      el('button', { type: 'button', id: 'copie-choisir', class: 'secondaire', onclick: agir('choisir_dossier_copie') },
        e.dossier ? 'Changer de dossier de copie…' : 'Choisir un dossier de copie…'),
      e.dossier ? el('button', { type: 'button', id: 'copie-retirer', class: 'secondaire', onclick: agir('retirer_dossier_copie') }, 'Ne plus recopier') : null),
    message);
}

/** Les durées de conservation des sauvegardes, réglables. */
function formConservation(main, retention) {
  const entier = (x) => (/^\d+$/.test(x.trim()) ? Number(x) : 1_000_000);
  return formulaire({
    id: 'conservation', titre: 'Conservation des sauvegardes', libelleValider: 'Enregistrer la conservation',
    champs: [
      { cle: 'heures', libelle: 'Toutes les sauvegardes des dernières (heures)', type: 'nombre', requis: true },
      { cle: 'jours', libelle: 'Puis une par jour pendant (jours)', type: 'nombre', requis: true },
      { cle: 'mois', libelle: 'Puis une par mois pendant (mois)', type: 'nombre', requis: true },
      { cle: 'avant_operation_jours', libelle: 'Celles d\'avant un import ou une campagne (jours)', type: 'nombre', requis: true },
    ],
    valeurs: Object.fromEntries(Object.entries(retention).map(([k, v]) => [k, String(v)])),
    enregistrer: async (v) => {
      await appeler('ecrire_retention', { retention: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, entier(x)])) });
      await afficher(main);
    },
    annuler: () => afficher(main),
  });
}
