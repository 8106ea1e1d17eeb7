// Paramètres : quelle base est ouverte, où sont les sauvegardes, quelles versions.

import { appeler } from '../api.js';
import { el, remplir } from '../dom.js';

export async function afficher(main) {
  const i = await appeler('infos_base');
  const dossier = i.chemin.replace(/[^/\\]*$/, '');
  remplir(main,
    el('h1', {}, 'Paramètres'),
    el('h2', {}, 'Base de données'),
    el('dl', { class: 'infos' },
      el('dt', {}, 'Fichier ouvert'), el('dd', { id: 'parametres-chemin' }, i.chemin),
      el('dt', {}, 'Sauvegardes avant migration'), el('dd', {}, `${dossier}sauvegardes`),
      el('dt', {}, 'Version du schéma'), el('dd', {}, String(i.version_schema ?? '—')),
      el('dt', {}, 'Version de Passerelle'), el('dd', {}, i.version_programme)),
    el('p', {}, 'Pour ouvrir un autre fichier, lancez ', el('code', {}, 'passerelle --db CHEMIN'),
      ' ou définissez la variable ', el('code', {}, 'PASSERELLE_DB'), '.'));
}
