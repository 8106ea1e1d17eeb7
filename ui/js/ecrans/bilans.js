// Bilans : le bilan annuel des IPE calculé à partir des actions, les commentaires du délégué
// à côté des chiffres, et l'export PDF / CSV.

import { appeler, codes, nombre, optionsAcademies } from '../api.js';
import { sectionEvolution } from './bilans-evolution.js';
import { enregistrerFichier } from '../travail.js';
import { el, remplir, alerte, annoncer, listeDeroulante } from '../dom.js';

const etat = { annee: null, periode: 'civile', academie: '' };

function champ(id, libelle, controle) {
  controle.id = id;
  return el('div', { class: 'champ' }, el('label', { for: id }, libelle), controle);
}

export async function afficher(main) {
  if (etat.annee === null) {
    const derniere = (await appeler('lister_actions_ipe', { filtre: { limite: 1 } })).lignes[0];
    etat.annee = derniere ? Number(derniere.date.slice(0, 4)) : new Date().getFullYear();
  }
  const academies = await optionsAcademies();
  const annee = el('input', { type: 'text', inputmode: 'numeric', value: String(etat.annee), size: 6 });
  const periode = listeDeroulante({}, codes('periodes_bilan'));
  periode.value = etat.periode;
  const academie = listeDeroulante({}, academies, 'National (toutes académies)');
  academie.value = etat.academie;
  const resultat = el('div', { id: 'bilan-resultat' });
  const message = el('div', { id: 'bilan-message', 'aria-live': 'polite' });

  const calculer = async () => {
    const a = Number(annee.value);
    if (!Number.isInteger(a) || a < 1950 || a > 2200) {
      remplir(message, alerte('L\'année doit s\'écrire sur quatre chiffres, par exemple 2007.', 'erreur'));
      return;
    }
    Object.assign(etat, { annee: a, periode: periode.value, academie: academie.value });
    remplir(message);
    const args = { periode: { type: etat.periode, annee: a }, academieId: etat.academie ? Number(etat.academie) : null };
    const apercu = await appeler('bilan_ipe', args);
    const cle = { bilan: 'ipe', annee: a, periode: etat.periode, perimetre: apercu.bilan.perimetre_code };
    const commentaires = await appeler('commentaires_bilan', { cle });
    afficherBilan(resultat, apercu, cle, commentaires, args, message);
  };
  for (const c of [periode, academie]) c.addEventListener('change', calculer);
  annee.addEventListener('change', calculer);

  const evolution = sectionEvolution(academies, etat.annee);
  const versEvolution = () => { evolution.scrollIntoView(); evolution.querySelector('input')?.focus(); };
  remplir(main, el('h1', {}, 'Bilans'),
    el('p', {}, el('button', { type: 'button', class: 'lien', id: 'bilan-vers-evolution', onclick: versEvolution }, 'Aller à l\'évolution sur plusieurs années')),
    el('h2', {}, 'Bilan annuel des ingénieurs pour l\'école'),
    el('div', { class: 'barre-liste' }, champ('bilan-annee', 'Année', annee), champ('bilan-periode', 'Période', periode),
      champ('bilan-academie', 'Périmètre', academie)),
    message, resultat, evolution);
  await calculer();
}

function afficherBilan(zone, apercu, cle, commentaires, args, message) {
  const b = apercu.bilan;
  const zoneCommentaire = (rubrique, libelle) => {
    const t = el('textarea', { id: `commentaire-${rubrique}`, rows: 4 });
    t.value = commentaires[rubrique] ?? '';
    const etatTexte = el('span', { class: 'aide', 'aria-live': 'polite' });
    t.addEventListener('change', async () => {
      try {
        await appeler('ecrire_commentaire_bilan', { cle, rubrique, texte: t.value });
        etatTexte.textContent = 'Commentaire enregistré.';
      } catch (e) {
        etatTexte.textContent = e.message;
      }
    });
    return el('div', { class: 'champ' }, el('label', { for: t.id }, libelle), t, etatTexte);
  };
  const exporter = async (format) => {
    if (await enregistrerFichier(message, 'exporter_bilan_ipe', { ...args, format }, 'Bilan enregistré')) annoncer('Bilan exporté.');
  };
  remplir(zone,
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'bilan-pdf', onclick: () => exporter('pdf') }, 'Exporter en PDF'),
      el('button', { type: 'button', class: 'secondaire', id: 'bilan-csv', onclick: () => exporter('csv') }, 'Exporter en CSV')),
    el('h3', {}, `I – Bilan quantitatif ${b.periode_libelle} (${b.perimetre_libelle})`),
    el('table', { id: 'bilan-chiffres' },
      el('tbody', {}, apercu.chiffres_cles.map(([l, v]) => el('tr', {}, el('th', { scope: 'row' }, l), el('td', { class: 'nombre' }, v))))),
    el('h3', {}, 'II – Bilan qualitatif'),
    el('p', { id: 'bilan-activite' }, apercu.activite),
    el('p', { id: 'bilan-evolution' }, `${nombre(b.actions)} actions. ${apercu.evolution}`),
    apercu.ligne_couverture ? el('p', { id: 'bilan-couverture' }, `${apercu.ligne_couverture}.`) : null,
    el('h3', {}, 'Par thème : chiffres et commentaire'),
    b.themes.map((t) => el('section', { class: 'theme-bilan' },
      el('h4', {}, `${t.libelle} — ${nombre(t.actions)} actions, ${nombre(t.academies)} académies`),
      el('p', { class: 'aide' }, `${nombre(t.etablissements)} établissements · ${nombre(t.jeunes)} jeunes (${nombre(t.jeunes_filles)} filles, ${nombre(t.jeunes_garcons)} garçons) · ${nombre(t.enseignants)} enseignants et personnels · ${nombre(t.entreprises)} entreprises · ${nombre(t.organisations_professionnelles)} organisations professionnelles`),
      zoneCommentaire(t.code, `Commentaire : ${t.libelle}`))),
    el('h3', {}, 'Conclusion'),
    zoneCommentaire('conclusion', 'Conclusion du bilan'));
}
