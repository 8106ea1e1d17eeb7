// Outils du registre des CET : import (aperçu et choix des colonnes), export, campagne de
// renouvellement (aperçu puis application), retours aux organisations et bilan annuel.

import { appeler, dateFr, nombre, anneeScolaire, taille, optionsAcademies } from '../api.js';
import { suivreTravail, choisirFichier, enregistrerFichier } from '../travail.js';
import { el, remplir, tableau, confirmer, alerte, alerteErreur, listeDeroulante } from '../dom.js';
import { formulaire } from '../formulaire.js';
import { selecteur } from '../selecteur.js';

export async function afficherImportExport(zone) {
  const nomFichier = el('span', { id: 'import-cet-nom' }, 'Aucun fichier choisi.');
  const apercu = el('div', { id: 'import-cet-apercu' });
  const resultat = el('div', { id: 'import-cet-resultat', 'aria-live': 'polite' });
  let rang = null;
  let selecteurs = [];

  const correspondance = () => Object.fromEntries(selecteurs.filter(([, s]) => s.value !== '').map(([champ, s]) => [champ, Number(s.value)]));
  const lancer = async (essai) => {
    try {
      const r = await suivreTravail(resultat, 'importer_cet', { rang, correspondance: correspondance(), essai },
        { titre: essai ? 'Contrôle du fichier' : 'Import en cours' });
      remplir(resultat, alerte([
        el('p', {}, essai
          ? `Contrôle réussi : ${nombre(r.importees)} CET seraient importés (${r.format}). Rien n'a été enregistré.`
          : `${nombre(r.importees)} CET importés (${r.format}).`),
        r.doublons.length ? el('p', {}, `Déjà présents, non repris : ${r.doublons.join(' ; ')}.`) : null,
        r.creations.length ? el('p', {}, `Créés en passant : ${r.creations.join(', ')}.`) : null], 'succes'));
    } catch (e) {
      remplir(resultat, alerteErreur(e));
    }
  };

  const choisir = async () => {
    remplir(resultat);
    try {
      const f = await choisirFichier('tableur');
      if (!f) return;
      rang = f.rang;
      nomFichier.textContent = `${f.nom} (${taille(f.taille)})`;
      const a = await appeler('apercu_import_cet', { rang });
      selecteurs = a.champs.map((c) => {
        const s = el('select', { id: `colonne-${c.champ}`, 'aria-label': `Colonne pour ${c.libelle}` },
          el('option', { value: '' }, c.obligatoire ? '— À choisir —' : '— Aucune colonne —'),
          a.colonnes.map((nom, i) => el('option', { value: i, selected: c.colonne === i }, nom)));
        return [c.champ, s, c];
      });
      remplir(apercu,
        el('p', { id: 'import-cet-format' }, `${a.format} : ${nombre(a.lignes)} ligne(s).`),
        el('h3', {}, 'Correspondance des colonnes'),
        tableau('correspondance-table', ['Champ', 'Colonne du fichier'], selecteurs.map(([, s, c]) => [`${c.libelle}${c.obligatoire ? ' *' : ''}`, s]), ''),
        el('h3', {}, 'Premières lignes'),
        el('div', { class: 'defilement' }, tableau('exemples-table', a.colonnes, a.exemples, 'Fichier sans ligne.')),
        el('div', { class: 'actions' },
          el('button', { type: 'button', id: 'import-cet-essai', class: 'secondaire', onclick: () => lancer(true) }, 'Contrôler sans importer'),
          el('button', { type: 'button', id: 'import-cet-valider', onclick: () => lancer(false) }, 'Importer')));
    } catch (e) {
      remplir(apercu);
      remplir(resultat, alerteErreur(e));
    }
  };

  const messageExport = el('div', { id: 'export-cet-message', 'aria-live': 'polite' });
  remplir(zone,
    el('h2', {}, 'Importer une liste de CET'),
    el('p', {}, 'Fichier CSV (séparateur « ; », « , » ou tabulation ; UTF-8, Windows-1252 ou « Texte Unicode » d\'Excel) ou classeur .xlsx / .ods, 200 Mo au plus. Colonnes attendues : ',
      el('code', {}, 'civilite;nom;prenom;email;telephone;employeur;secteur;cpc;organisation_proposante;academie;bassin;debut_mandat;fin_mandat'),
      '. Une ligne fautive et rien n\'est enregistré ; une personne déjà au registre (mêmes nom, prénom et courriel) n\'est pas doublée.'),
    el('p', { class: 'actions' },
      el('button', { type: 'button', id: 'import-cet-choisir', class: 'secondaire', onclick: choisir }, 'Choisir un fichier à importer…'),
      nomFichier),
    apercu, resultat,
    el('h2', {}, 'Exporter le registre'),
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'export-cet-csv', class: 'secondaire',
        onclick: () => enregistrerFichier(messageExport, 'exporter_cet', { filtre: {}, format: 'csv' }, 'Registre exporté') }, 'Exporter en CSV'),
      el('button', { type: 'button', id: 'export-cet-xlsx', class: 'secondaire',
        onclick: () => enregistrerFichier(messageExport, 'exporter_cet', { filtre: {}, format: 'xlsx' }, 'Registre exporté') }, 'Exporter en classeur .xlsx')),
    messageExport);
}

export async function afficherCampagne(zone) {
  const academies = await optionsAcademies();
  const an = new Date().getFullYear();
  const apercu = el('div', { id: 'campagne-apercu', 'aria-live': 'polite' });
  let saisie = null;
  const form = formulaire({
    id: 'campagne-formulaire', titre: 'Préparer une campagne de renouvellement', libelleValider: 'Prévisualiser',
    champs: [
      { cle: 'fin_au_plus_tard', libelle: 'Mandats qui finissent au plus tard le', type: 'date', requis: true },
      { cle: 'academie_id', libelle: 'Académie', type: 'choix', numerique: true, vide: '— Toutes —', options: academies },
      { cle: 'date_arrete', libelle: 'Arrêté de renouvellement du', type: 'date' },
      { cle: 'nouveau_debut', libelle: 'Nouveaux mandats : début', type: 'date', requis: true },
      { cle: 'nouvelle_fin', libelle: 'Nouveaux mandats : fin', type: 'date', requis: true },
    ],
    valeurs: { fin_au_plus_tard: `31/12/${an}`, nouveau_debut: `01/01/${an + 1}`, nouvelle_fin: `31/12/${an + 5}` },
    enregistrer: async (v) => {
      saisie = v;
      const lignes = await appeler('apercu_campagne', { saisie });
      const cases = lignes.map((l) => el('input', { type: 'checkbox', id: `retenu-${l.cet_id}`, checked: true, 'aria-label': `Renouveler ${l.nom}` }));
      const appliquer = async () => {
        const retenus = lignes.filter((_, i) => cases[i].checked).map((l) => l.cet_id);
        if (!await confirmer('Appliquer la campagne ?', `${retenus.length} mandat(s) seront créés du ${saisie.nouveau_debut} au ${saisie.nouvelle_fin}.`, 'Appliquer')) return;
        try {
          const n = await suivreTravail(apercu, 'appliquer_campagne', { saisie, retenus }, { quoi: 'mandats', titre: 'Application de la campagne' });
          remplir(apercu, alerte(`${nombre(n)} mandat(s) renouvelé(s).`, 'succes'));
        } catch (e) {
          remplir(apercu, alerteErreur(e));
        }
      };
      remplir(apercu,
        el('p', { id: 'campagne-compte' }, `${nombre(lignes.length)} CET concerné(s). Décochez ceux qui ne sont pas renouvelés.`),
        tableau('campagne-table', ['', 'Conseiller', 'Secteur', 'Fin actuelle'], lignes.map((l, i) => [cases[i], l.nom, l.secteur, dateFr(l.fin_actuelle)]), 'Aucun mandat concerné.'),
        lignes.length ? el('button', { type: 'button', id: 'campagne-appliquer', onclick: appliquer }, 'Appliquer la campagne') : null);
    },
    annuler: () => remplir(apercu),
  });
  remplir(zone, el('p', {}, 'Par exemple, tous les mandats qui finissent le 31 décembre renouvelés au 1er janvier : l\'aperçu liste les CET concernés avant de rien écrire.'),
    form.element, apercu);
}

export async function afficherRetours(zone) {
  const academies = await optionsAcademies();
  // Vide : toutes les organisations.
  const organisation = selecteur({ id: 'retour-organisation', genre: 'organisation' });
  organisation.input.placeholder = 'Toutes les organisations';
  const message = el('div', { id: 'retour-message', 'aria-live': 'polite' });
  const orgId = () => organisation.valeur();
  const annee = el('input', { type: 'text', id: 'bilan-cet-annee', value: anneeScolaire(), size: 10 });
  const academie = listeDeroulante({ id: 'bilan-cet-academie' }, academies, 'Toutes');
  const messageBilan = el('div', { id: 'bilan-cet-message', 'aria-live': 'polite' });
  remplir(zone,
    el('h2', {}, 'Retour aux organisations professionnelles'),
    el('p', {}, 'Pour chaque organisation : les professionnels qu\'elle a proposés, ceux qui ont été nommés, leurs mandats et leurs secteurs.'),
    el('div', { class: 'barre-liste' },
      el('div', { class: 'champ' }, el('label', { for: 'retour-organisation' }, 'Organisation'), organisation.element),
      el('button', { type: 'button', id: 'retour-pdf', onclick: () => enregistrerFichier(message, 'exporter_retour_organisations', { organisationId: orgId(), csv: false }, 'Lettres enregistrées') }, 'Lettres (PDF)'),
      el('button', { type: 'button', id: 'retour-csv', class: 'secondaire', onclick: () => enregistrerFichier(message, 'exporter_retour_organisations', { organisationId: orgId(), csv: true }, 'Tableau enregistré') }, 'Tableau (CSV)')),
    message,
    el('h2', {}, 'Bilan annuel des CET'),
    el('div', { class: 'barre-liste' },
      el('div', { class: 'champ' }, el('label', { for: 'bilan-cet-annee' }, 'Année scolaire'), annee),
      el('div', { class: 'champ' }, el('label', { for: 'bilan-cet-academie' }, 'Académie'), academie),
      el('button', { type: 'button', id: 'bilan-cet', onclick: () => enregistrerFichier(messageBilan, 'exporter_bilan_cet',
        { anneeScolaire: annee.value, academieId: academie.value ? Number(academie.value) : null }, 'Bilan enregistré') }, 'Bilan (PDF)')),
    messageBilan);
}
