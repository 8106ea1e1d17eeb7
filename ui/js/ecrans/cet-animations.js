// Animations du réseau des CET : liste par académie et année scolaire, création, puis l'écran
// commun d'une réunion (présences pointées) complété des invitations par secteur et des notes.

import { appeler, dateFr, nombre, anneeScolaire, codes, libelleCode, optionsAcademies } from '../api.js';
import { el, remplir, tableau, alerte, listeDeroulante } from '../dom.js';
import { formulaire } from '../formulaire.js';
import { afficherReunion } from '../reunion.js';
import { listes } from './cet.js';

const DOCUMENTS = [['invitation-pdf', 'Invitation (PDF)'], ['invitation', 'Invitation (.ics)'], ['publipostage', 'Publipostage (CSV)'],
  ['emargement', 'Feuille d\'émargement (PDF)'], ['compte-rendu', 'Compte rendu (PDF)']];

export async function afficherAnimations(zone, [ouvrir] = []) {
  const [l, academies] = [await listes(), await optionsAcademies()];
  const choixAcademie = listeDeroulante({ id: 'animations-academie' }, academies, 'Toutes');
  const annee = el('input', { type: 'text', id: 'animations-annee', value: anneeScolaire(), size: 10 });
  const liste = el('div', { id: 'animations-liste' });
  const detail = el('section', { id: 'reunion', 'aria-labelledby': 'reunion-titre' });
  const filtre = () => ({ academieId: choixAcademie.value ? Number(choixAcademie.value) : null, anneeScolaire: annee.value });

  async function ouvrirAnimation(id) {
    await afficherReunion(detail, id, {
      documents: DOCUMENTS, commandeExport: 'exporter_animation',
      complements: async (recharger, message) => {
        const a = await appeler('lire_animation', { id });
        const notes = el('textarea', { id: 'animation-notes', rows: 3 });
        notes.value = a.notes;
        notes.addEventListener('change', () => appeler('ecrire_notes_animation', { id, notes: notes.value }));
        return [
          el('p', { id: 'animation-resume' }, [a.theme && `Thème : ${a.theme}`, a.secteurs.length && `Secteurs visés : ${a.secteurs.join(', ')}`,
            a.coorganisateurs && `Avec : ${a.coorganisateurs}`].filter(Boolean).join(' · ')),
          el('button', { type: 'button', id: 'inviter-secteurs', onclick: async () => {
            try {
              const n = await appeler('inviter_secteurs', { id });
              await recharger();
              remplir(document.getElementById('reunion-message'), alerte(`${nombre(n)} CET invité(s) d'après les secteurs visés.`, 'succes'));
            } catch (e) {
              remplir(message, alerte(e.message, 'erreur'));
            }
          } }, 'Inviter les CET des secteurs visés'),
          el('div', { class: 'champ' }, el('label', { for: 'animation-notes' }, 'Notes'), notes),
        ];
      },
    });
  }

  async function rafraichir() {
    try {
      const animations = await appeler('lister_animations', filtre());
      remplir(liste, tableau('animations-table', ['Date', 'Animation', 'Thème', 'Invités', 'Présents', ''],
        animations.map((a) => [dateFr(a.reunion.date), libelleCode('types_reunion', a.reunion.type), a.theme, nombre(a.invites), nombre(a.presents),
          el('button', { type: 'button', class: 'lien', 'aria-label': `Ouvrir l'animation du ${dateFr(a.reunion.date)}`, onclick: () => ouvrirAnimation(a.reunion.id) }, 'Ouvrir')]),
        'Aucune animation pour ces critères.'));
    } catch (e) {
      remplir(liste, alerte(e.message, 'erreur'));
    }
  }
  choixAcademie.addEventListener('change', rafraichir);
  annee.addEventListener('change', rafraichir);

  const form = formulaire({
    id: 'animation-formulaire', titre: 'Nouvelle animation', libelleValider: 'Enregistrer l\'animation',
    champs: [
      { cle: 'academie_id', libelle: 'Académie', type: 'choix', requis: true, numerique: true, options: academies },
      { cle: 'type', libelle: 'Type', type: 'choix', requis: true, options: codes('types_reunion_reseau') },
      { cle: 'date', libelle: 'Date', type: 'date', requis: true },
      { cle: 'heure', libelle: 'Heure', aide: 'ex. 14h30' },
      { cle: 'etablissement_id', libelle: 'Lieu : établissement', type: 'selecteur', genre: 'etablissement', creation: true },
      { cle: 'organisation_id', libelle: 'ou entreprise, organisation', type: 'selecteur', genre: 'organisation', creation: true },
      { cle: 'lieu', libelle: 'Précision du lieu' },
      { cle: 'theme', libelle: 'Thème' },
      { cle: 'secteurs', libelle: 'Secteurs visés', type: 'multiple', options: l.secteurs, aide: 'Ctrl + clic pour en choisir plusieurs' },
      { cle: 'coorganisateur_ids', libelle: 'Co-organisateurs', type: 'selecteurs', genre: 'organisation', creation: true, aide: 'AFDET, organisations professionnelles…' },
      { cle: 'notes', libelle: 'Notes', type: 'zone' },
    ],
    valeurs: { type: codes('types_reunion_reseau')[0]?.code, academie_id: choixAcademie.value || null },
    enregistrer: async (saisie) => {
      const a = await appeler('creer_animation', { saisie });
      await rafraichir();
      await ouvrirAnimation(a.reunion.id);
    },
    annuler: () => {},
  });
  remplir(zone,
    el('h2', {}, 'Animations du réseau'),
    el('div', { class: 'barre-liste' },
      el('div', { class: 'champ' }, el('label', { for: 'animations-academie' }, 'Académie'), choixAcademie),
      el('div', { class: 'champ' }, el('label', { for: 'animations-annee' }, 'Année scolaire', el('span', { class: 'aide' }, 'vide : toutes')), annee)),
    liste, detail, form.element);
  await rafraichir();
  if (ouvrir && /^\d+$/.test(ouvrir)) await ouvrirAnimation(Number(ouvrir));
}
