// Paramètres : quelle base est ouverte, où sont les sauvegardes, quelles versions, horizons de l'échéancier.

import { appeler } from '../api.js';
import { noticeEnregistre } from '../travail.js';
import { el, remplir, alerte } from '../dom.js';
import { formulaire } from '../formulaire.js';

export async function afficher(main) {
  const [i, horizons] = await Promise.all([appeler('infos_base'), appeler('horizons')]);
  const dossier = i.chemin.replace(/[^/\\]*$/, '');
  const message = el('div', { 'aria-live': 'polite' });
  const messageBase = el('div', { id: 'base-message', 'aria-live': 'polite' });
  // Après le changement de base, Rust recharge la page sur la nouvelle base.
  const changer = (commande) => appeler(commande).catch((e) => remplir(messageBase, alerte(e.message, 'erreur')));
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
      el('dt', {}, 'Sauvegardes avant migration'), el('dd', {}, `${dossier}sauvegardes`),
      el('dt', {}, 'Version du schéma'), el('dd', {}, String(i.version_schema ?? '—')),
      el('dt', {}, 'Version de Passerelle'), el('dd', {}, i.version_programme)),
    el('p', { class: 'actions' },
      el('button', { type: 'button', id: 'base-nouvelle', class: 'secondaire', onclick: () => changer('creer_base') }, 'Nouvelle base…'),
      el('button', { type: 'button', id: 'base-ouvrir', class: 'secondaire', onclick: () => changer('ouvrir_base') }, 'Ouvrir une base…'),
      el('button', { type: 'button', id: 'base-copie', class: 'secondaire', onclick: copier }, 'Enregistrer une copie…')),
    el('p', { class: 'aide' }, 'Aussi dans le menu Fichier (Ctrl+N, Ctrl+O, Ctrl+Maj+S). Les documents exportés sont enregistrés là où vous le choisissez.'),
    messageBase, message, f.element);
}
