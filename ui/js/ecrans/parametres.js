// Paramètres : quelle base est ouverte, où sont les sauvegardes, quelles versions, horizons de l'échéancier.

import { appeler } from '../api.js';
import { el, remplir, alerte } from '../dom.js';
import { formulaire } from '../formulaire.js';

export async function afficher(main) {
  const [i, horizons] = await Promise.all([appeler('infos_base'), appeler('horizons')]);
  const dossier = i.chemin.replace(/[^/\\]*$/, '');
  const message = el('div', { 'aria-live': 'polite' });
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
      el('dt', {}, 'Bilans exportés'), el('dd', {}, `${dossier}exports`),
      el('dt', {}, 'Version du schéma'), el('dd', {}, String(i.version_schema ?? '—')),
      el('dt', {}, 'Version de Passerelle'), el('dd', {}, i.version_programme)),
    el('p', {}, 'Pour ouvrir un autre fichier, lancez ', el('code', {}, 'passerelle --db CHEMIN'),
      ' ou définissez la variable ', el('code', {}, 'PASSERELLE_DB'), '.'),
    message, f.element);
}
