// Journal : tous les changements de la base, filtrés par date, module, opération ou nom de fiche ;
// export CSV ; une fiche supprimée peut être remise quand ce qu'elle citait existe encore.

import { appeler, codes, quantite } from '../api.js';
import { el, remplir, alerte, annoncer, confirmer, listeDeroulante } from '../dom.js';
import { enregistrerFichier } from '../travail.js';
import { tableauJournal } from '../historique.js';

export async function afficher(main) {
  const filtre = { depuis: '', jusqua: '', module: null, operation: null, recherche: '' };
  const message = el('div', { id: 'journal-message', 'aria-live': 'polite' });
  const compte = el('p', { class: 'compte', id: 'journal-compte', 'aria-live': 'polite' });
  const zone = el('div', { class: 'defilement' });
  let demande = 0;

  const champ = (cle, libelle, attributs = {}) => {
    const saisie = el('input', { id: `journal-${cle}`, type: 'text', autocomplete: 'off', ...attributs });
    let minuterie;
    saisie.addEventListener('input', () => {
      clearTimeout(minuterie);
      minuterie = setTimeout(() => { filtre[cle] = saisie.value; rafraichir(); }, 200);
    });
    return el('div', { class: 'champ' }, el('label', { for: saisie.id }, libelle), saisie);
  };
  const choix = (cle, libelle, liste, tous) => {
    const s = listeDeroulante({ id: `journal-${cle}` }, codes(liste), tous);
    s.addEventListener('change', () => { filtre[cle] = s.value || null; rafraichir(); });
    return el('div', { class: 'champ' }, el('label', { for: s.id }, libelle), s);
  };

  async function remettre(e) {
    const ok = await confirmer('Remettre cette fiche ?',
      `${e.fiche} sera remise telle qu'elle était avant sa suppression, avec ses parties supprimées en même temps.`, 'Remettre');
    if (!ok) return;
    try {
      const nom = await appeler('remettre_fiche', { id: e.id });
      await rafraichir();
      const texte = `${nom} : remise en place.`;
      remplir(message, alerte(texte, 'succes'));
      annoncer(texte);
    } catch (err) {
      remplir(message, alerte(err.message, 'erreur'));
    }
  }

  async function rafraichir() {
    const numero = ++demande;
    let liste;
    try {
      liste = await appeler('lister_journal', { filtre });
    } catch (e) {
      remplir(message, alerte(e.message, 'erreur'));
      return;
    }
    if (numero !== demande) return;
    // Une erreur de lecture passée n'a plus lieu d'être ; un succès (remise, export) reste affiché.
    if (message.querySelector('.erreur')) remplir(message);
    const affichees = liste.lignes.length < liste.total ? ` (les ${liste.lignes.length} plus récents affichés)` : '';
    compte.textContent = liste.total === 0 ? 'Aucun changement ne correspond.' : `${quantite(liste.total, ['changement', 'changements'])}${affichees}`;
    remplir(zone, tableauJournal('journal-table', liste.lignes, {
      action: (e) => (e.restaurable
        ? el('button', { type: 'button', class: 'lien', 'aria-label': `Remettre ${e.fiche}`, onclick: () => remettre(e) }, 'Remettre')
        : null),
    }));
  }

  remplir(main,
    el('h1', {}, 'Journal des changements'),
    el('p', {}, 'Chaque création, modification et suppression de fiche, avec sa date et son chemin (fenêtre, import, campagne, restauration…).'),
    el('div', { class: 'barre-liste', role: 'search' },
      champ('recherche', 'Fiche', { type: 'search', placeholder: 'nom, titre, intitulé…' }),
      champ('depuis', 'Du', { placeholder: 'JJ/MM/AAAA' }),
      champ('jusqua', 'Au', { placeholder: 'JJ/MM/AAAA' }),
      choix('module', 'Module', 'modules_journal', 'Tous'),
      choix('operation', 'Opération', 'operations_journal', 'Toutes'),
      el('button', { type: 'button', id: 'journal-exporter', class: 'secondaire',
        onclick: () => enregistrerFichier(message, 'exporter_journal', { filtre }, 'Journal enregistré') }, 'Exporter en CSV…')),
    message, compte, zone);
  await rafraichir();
}
