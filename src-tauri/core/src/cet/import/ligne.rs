//! Une ligne de la liste, contrôlée champ par champ, puis écrite : la mémoire de l'import
//! (personnes et organisations connues, créations, doublons) passe d'une ligne à l'autre.

use super::cle_personne;
use crate::annuaire::organisations::{self, TypeOrganisation};
use crate::annuaire::{academies, bassins, personnes};
use crate::cet::registre::{self, SaisieCet};
use crate::cet::{mandats, Designation, StatutPro};
use crate::vocabulaire::Code;
use crate::{texte, Controle, Erreur, Resultat};
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};

/// « M », « Monsieur », « mme »… ; vide si la colonne l'est.
fn civilite(saisie: &str, c: &mut Controle) -> &'static str {
    match texte::normaliser(saisie).trim_end_matches('.') {
        "" => "",
        "m" | "monsieur" => "M.",
        "mme" | "madame" => "Mme",
        _ => {
            c.ajouter(
                "civilite",
                format!("civilité « {saisie} » inconnue (M. ou Mme)."),
            );
            ""
        }
    }
}

/// Le statut par son code ou son libellé ; « non renseigné » si la colonne est vide.
fn statut(saisie: &str, c: &mut Controle) -> Option<StatutPro> {
    let statut = match saisie {
        "" => Some(StatutPro::NonRenseigne),
        x => StatutPro::TOUS
            .iter()
            .copied()
            .find(|s| texte::normaliser(s.libelle()) == texte::normaliser(x) || s.code() == x),
    };
    if statut.is_none() {
        c.ajouter("statut", format!("statut « {saisie} » inconnu."));
    }
    statut
}

/// La CPC nommée dans le fichier, qui doit déjà être dans la liste.
fn cpc(tx: &Connection, nom: &str, c: &mut Controle) -> Resultat<Option<i64>> {
    if nom.is_empty() {
        return Ok(None);
    }
    let id: Option<i64> = crate::base::une(
        tx,
        "SELECT id FROM cpc WHERE normaliser(nom) = normaliser(?1)",
        [nom],
    )?;
    if id.is_none() {
        c.ajouter(
            "cpc",
            format!("CPC « {nom} » inconnue : ajoutez-la d'abord à la liste des CPC."),
        );
    }
    Ok(id)
}

/// L'académie et le bassin nommés dans le fichier.
fn academie_et_bassin(
    tx: &Connection,
    cache: &mut HashMap<String, Option<i64>>,
    academie: &str,
    bassin: &str,
    c: &mut Controle,
) -> Resultat<(Option<i64>, Option<i64>)> {
    let academie_id = academies::trouver_en_cache(tx, cache, academie)?;
    if academie_id.is_none() {
        c.ajouter("academie", format!("académie « {academie} » inconnue."));
    }
    let bassin_id = match academie_id {
        Some(a) if !bassin.is_empty() => match bassins::trouver(tx, a, bassin) {
            Ok(x) => Some(x.id),
            Err(Erreur::Introuvable(_)) => {
                c.ajouter(
                    "bassin",
                    format!("bassin « {bassin} » inconnu dans cette académie."),
                );
                None
            }
            Err(e) => return Err(e),
        },
        _ => None,
    };
    Ok((academie_id, bassin_id))
}

/// Une ligne du fichier, contrôlée : ce qu'il faut pour écrire le CET.
pub(super) struct LigneCet {
    civilite: &'static str,
    nom: String,
    prenom: String,
    email: String,
    academie_id: Option<i64>,
    bassin_id: Option<i64>,
    cpc_id: Option<i64>,
    statut: StatutPro,
    mandat: mandats::MandatValide,
}

/// Ce que l'import retient d'une ligne à l'autre : ce qui est connu, créé, vu deux fois.
#[derive(Default)]
pub(super) struct Memoire {
    pub(super) cache_academies: HashMap<String, Option<i64>>,
    // Personnes et organisations déjà connues, lues une fois : chercher ligne à ligne dans toute
    // la table rendait l'import quadratique (46 s pour 20 000 lignes).
    pub(super) personnes: HashMap<String, (i64, bool)>,
    pub(super) organisations: HashMap<(String, TypeOrganisation), Option<i64>>,
    pub(super) vus: HashSet<String>,
    pub(super) creations: Vec<String>,
    pub(super) doublons: Vec<String>,
}

impl Memoire {
    pub(super) fn controler<'v>(
        &mut self,
        tx: &Connection,
        v: &dyn Fn(&str) -> &'v str,
    ) -> Resultat<LigneCet> {
        let mut c = Controle::default();
        let nom = c.champ("nom", texte::obligatoire("Le nom", v("nom")));
        let prenom = c.champ("prenom", texte::obligatoire("Le prénom", v("prenom")));
        let civilite = civilite(v("civilite"), &mut c);
        let (academie_id, bassin_id) = academie_et_bassin(
            tx,
            &mut self.cache_academies,
            v("academie"),
            v("bassin"),
            &mut c,
        )?;
        let cpc_id = cpc(tx, v("cpc"), &mut c)?;
        let statut = statut(v("statut"), &mut c);
        if !v("email").is_empty() {
            c.champ("email", crate::annuaire::validation::email(v("email")));
        }
        let mandat = mandats::valider_dates(
            v("date_arrete"),
            v("debut_mandat"),
            v("fin_mandat"),
            mandats::CHAMPS_MANDAT,
            &mut c,
        );
        let (nom, prenom, statut, mandat) = c.fin_avec(
            nom.zip(prenom)
                .zip(statut.zip(mandat))
                .map(|((n, p), (s, m))| (n, p, s, m)),
        )?;
        Ok(LigneCet {
            civilite,
            nom: nom.to_uppercase(),
            prenom,
            email: v("email").to_lowercase(),
            academie_id,
            bassin_id,
            cpc_id,
            statut,
            mandat,
        })
    }

    /// L'organisation de ce nom (créée au besoin), cherchée une fois par import.
    fn organisation(
        &mut self,
        tx: &Connection,
        nom: &str,
        type_: TypeOrganisation,
    ) -> Resultat<Option<i64>> {
        let cle = (texte::normaliser(nom), type_);
        if let Some(id) = self.organisations.get(&cle) {
            return Ok(*id);
        }
        let id = organisations::trouver_ou_creer(tx, nom, type_.code(), &mut self.creations)?;
        self.organisations.insert(cle, id);
        Ok(id)
    }

    /// Le numéro de la personne si la ligne est nouvelle ; `None` (doublon noté) sinon.
    fn personne_nouvelle(&mut self, l: &LigneCet, numero: usize) -> Option<Option<i64>> {
        let LigneCet {
            nom, prenom, email, ..
        } = l;
        // La même personne : mêmes nom, prénom et courriel.
        if !self
            .vus
            .insert(texte::normaliser(&format!("{nom} {prenom} {email}")))
        {
            self.doublons.push(format!(
                "ligne {numero} : {nom} {prenom} figure déjà plus haut dans le fichier"
            ));
            return None;
        }
        match self.personnes.get(&cle_personne(nom, prenom, email)) {
            Some((_, true)) => {
                self.doublons.push(format!(
                    "ligne {numero} : {nom} {prenom} est déjà au registre"
                ));
                None
            }
            Some((id, false)) => Some(Some(*id)),
            None => Some(None),
        }
    }

    /// Écrit le CET d'une ligne contrôlée (et sa fiche de l'annuaire si elle manque).
    pub(super) fn enregistrer<'v>(
        &mut self,
        tx: &Connection,
        l: LigneCet,
        numero: usize,
        v: &dyn Fn(&str) -> &'v str,
    ) -> Resultat<()> {
        let Some(existante) = self.personne_nouvelle(&l, numero) else {
            return Ok(());
        };
        let employeur_id = self.organisation(tx, v("employeur"), TypeOrganisation::Entreprise)?;
        let proposante_id = self.organisation(
            tx,
            v("organisation_proposante"),
            TypeOrganisation::OrganisationProfessionnelle,
        )?;
        let personne_id = match existante {
            Some(id) => id,
            None => {
                let s = personnes::SaisiePersonne {
                    civilite: l.civilite.into(),
                    nom: l.nom.clone(),
                    prenom: l.prenom.clone(),
                    email: l.email.clone(),
                    telephone: v("telephone").into(),
                    organisation_id: employeur_id,
                    fonction: "Conseiller entreprise pour l'École".into(),
                    ..Default::default()
                };
                personnes::creer(tx, &s)?.id
            }
        };
        let designation = match proposante_id {
            Some(_) => Designation::OrganisationProfessionnelle,
            None => Designation::Autre,
        };
        let saisie = SaisieCet {
            personne_id: Some(personne_id),
            statut_pro: l.statut.code().into(),
            employeur_id,
            secteur: v("secteur").into(),
            cpc_id: l.cpc_id,
            specialites: v("specialites").into(),
            designation: designation.code().into(),
            organisation_proposante_id: proposante_id,
            academie_id: l.academie_id,
            bassin_id: l.bassin_id,
            ..Default::default()
        };
        let mut c = Controle::default();
        let valide = registre::valider(tx, &saisie, &mut c)?;
        c.fin()?;
        let id = registre::ecrire(tx, None, &saisie, &valide)?;
        mandats::inserer(tx, id, &l.mandat)?;
        self.personnes.insert(
            cle_personne(&l.nom, &l.prenom, &l.email),
            (personne_id, true),
        );
        Ok(())
    }
}
