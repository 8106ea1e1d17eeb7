// Données personnelles (RGPD), dans l'annuaire : pour une personne, exporter tout ce que la base
// garde d'elle (JSON, PDF) ou l'anonymiser ; la liste des personnes sans activité depuis N années.

import { appeler, dateFr, quantite } from './api.js';
import { el, remplir, alerte, annoncer, confirmer, tableau } from './dom.js';
import { enregistrerFichier } from './travail.js';

/** La zone où s'ouvre le panneau d'une personne ; créée par l'écran de l'annuaire. */
export const zoneDonnees = el('section', { id: 'donnees-personne', 'aria-labelledby': 'donnees-titre' });

/** Le panneau « Données personnelles » de la personne `{id, nom}` ; `apres` relit la liste. */
export function afficherDonnees({ id, nom }, apres) {
  const message = el('div', { id: 'donnees-message', 'aria-live': 'polite' });
  const exporter = (json) => enregistrerFichier(message, 'exporter_donnees_personne', { id, json },
    'Données exportées');
  const anonymiser = async () => {
    const ok = await confirmer(`Anonymiser ${nom} ?`,
      `Le nom, le prénom, la civilité, la fonction et les coordonnées de ${nom} seront effacés, de sa fiche comme de l'historique. `
      + 'Ses présences, mandats et actions restent comptés dans les bilans, sous le nom « Anonyme ». Cette action ne peut pas être annulée.',
      'Anonymiser');
    if (!ok) return;
    try {
      const ancien = await appeler('anonymiser_personne', { id });
      // La liste est relue d'abord : le message annonce un écran déjà à jour.
      await apres?.();
      const texte = `${ancien} a été anonymisée : sa fiche s'appelle désormais « Anonyme ».`;
      remplir(message, alerte(texte, 'succes'));
      annoncer(texte);
    } catch (e) {
      remplir(message, alerte(e.message, 'erreur'));
    }
  };
  remplir(zoneDonnees,
    el('h2', { id: 'donnees-titre', tabindex: '-1' }, `Données personnelles de ${nom}`),
    el('p', {}, 'Tout ce que la base enregistre de cette personne (sa fiche, les fiches qui la citent, l\'historique), pour répondre à une demande d\'accès ; ou l\'anonymisation, pour une demande d\'effacement.'),
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'donnees-json', class: 'secondaire', onclick: () => exporter(true) }, 'Exporter en JSON…'),
      el('button', { type: 'button', id: 'donnees-pdf', class: 'secondaire', onclick: () => exporter(false) }, 'Exporter en PDF…'),
      el('button', { type: 'button', id: 'donnees-anonymiser', onclick: anonymiser }, 'Anonymiser…'),
      el('button', { type: 'button', class: 'secondaire', onclick: () => remplir(zoneDonnees) }, 'Fermer')),
    message);
  zoneDonnees.querySelector('h2').focus();
}

/** « Personnes sans activité depuis N années » : à revoir (exporter, anonymiser ou supprimer). */
export function sectionInactives(apres) {
  const annees = el('input', { id: 'inactives-annees', type: 'text', inputmode: 'numeric', value: '3', class: 'nombre' });
  const resultat = el('div', { id: 'inactives-resultat', 'aria-live': 'polite' });
  const chercher = async () => {
    const n = Number(annees.value.trim());
    if (!Number.isInteger(n) || n < 1 || n > 50) {
      remplir(resultat, alerte('Indiquez un nombre d\'années entre 1 et 50.', 'erreur'));
      return;
    }
    try {
      const liste = await appeler('personnes_inactives', { annees: n });
      remplir(resultat,
        el('p', { class: 'compte' }, liste.length ? quantite(liste.length, ['personne sans activité', 'personnes sans activité']) : 'Aucune personne sans activité sur cette durée.'),
        liste.length ? tableau('inactives-table', ['Personne', 'Rattachement', 'Dernière activité', ''],
          liste.map((p) => [p.nom, p.rattachement, p.derniere_activite ? dateFr(p.derniere_activite) : 'aucune',
            el('button', { type: 'button', class: 'lien', 'aria-label': `Données personnelles de ${p.nom}`,
              onclick: () => afficherDonnees(p, async () => { await apres?.(); await chercher(); }) }, 'Données personnelles')]), '') : null);
    } catch (e) {
      remplir(resultat, alerte(e.message, 'erreur'));
    }
  };
  return el('section', { class: 'inactives', 'aria-labelledby': 'inactives-titre' },
    el('h2', { id: 'inactives-titre' }, 'Personnes sans activité'),
    el('p', {}, 'Réunions, missions, actions, mandats et changements de fiche compris. Les données personnelles ne se gardent pas sans raison : revoyez régulièrement cette liste.'),
    el('div', { class: 'barre-liste' },
      el('div', { class: 'champ' }, el('label', { for: annees.id }, 'Sans activité depuis (années)'), annees),
      el('button', { type: 'button', id: 'inactives-chercher', class: 'secondaire', onclick: chercher }, 'Chercher')),
    resultat);
}
