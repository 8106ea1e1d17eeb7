//! Import de l'Annuaire de l'éducation : le fichier officiel `fr-en-annuaire-education` (CSV
//! « ; », UTF-8, une ligne par UAI, environ 70 colonnes), en-tête en noms de champs
//! (`identifiant_de_l_etablissement;nom_etablissement;…`) ou en libellés
//! (`Identifiant_de_l_etablissement;Nom_etablissement;…`), colonnes dans n'importe quel ordre,
//! colonnes inconnues ignorées. Les établissements sont créés ou mis à jour par leur code UAI,
//! pour une académie ou toutes ; une ligne au code UAI faux est signalée et n'entre pas, les
//! autres entrent. Un champ que le fichier ne porte pas (bassin, ou colonne absente, ou cellule
//! vide) garde ce que l'utilisateur y a saisi. Tout ou rien : une transaction, journalisée
//! comme un import ; `essai` calcule le compte rendu sans rien écrire.
//!
//! `lecture` : de la ligne du fichier à la fiche ; `application` : de la fiche à la base.

mod application;
mod lecture;
#[cfg(test)]
mod tests;

pub use lecture::{COLONNES_LUES, COLONNES_OBLIGATOIRES};

use super::academies;
use crate::travail::Suivi;
use crate::{csv, Erreur, Resultat};
use rusqlite::Connection;
use serde::Serialize;

/// L'en-tête du fichier publié, en noms de champs et dans son ordre (72 colonnes) ; la forme
/// en libellés est la même avec une majuscule (« Identifiant_de_l_etablissement »). Sert au
/// banc de mesure et aux tests ; l'import, lui, retrouve ses colonnes par leur nom.
pub const ENTETE_OFFICIEL: &str = "identifiant_de_l_etablissement;nom_etablissement;\
type_etablissement;statut_public_prive;adresse_1;adresse_2;adresse_3;code_postal;code_commune;\
nom_commune;code_departement;code_academie;code_region;ecole_maternelle;ecole_elementaire;\
voie_generale;voie_technologique;voie_professionnelle;telephone;fax;web;mail;restauration;\
hebergement;ulis;apprentissage;segpa;section_arts;section_cinema;section_theatre;section_sport;\
section_internationale;section_europeenne;lycee_agricole;lycee_militaire;lycee_des_metiers;\
post_bac;appartenance_education_prioritaire;greta;siren_siret;nombre_d_eleves;fiche_onisep;\
position;type_contrat_prive;libelle_departement;libelle_academie;libelle_region;coordx_origine;\
coordy_origine;epsg_origine;nom_circonscription;latitude;longitude;precision_localisation;\
date_ouverture;date_maj_ligne;etat;ministere_tutelle;multi_uai;rpi_concentre;rpi_disperse;\
code_nature;libelle_nature;code_type_contrat_prive;pial;etablissement_mere;\
type_rattachement_etablissement_mere;code_circonscription;code_zone_animation_pedagogique;\
libelle_zone_animation_pedagogique;code_bassin_formation;libelle_bassin_formation";

/// Messages gardés au plus dans chaque liste du compte rendu (un fichier national peut en
/// produire des milliers) ; le nombre total est toujours donné.
pub const MAX_MESSAGES: usize = 200;

/// Un établissement que le fichier dit fermé et que des fiches de Passerelle citent encore.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FermeCite {
    pub uai: String,
    pub nom: String,
    /// « 2 actions IPE (Forum des métiers, …) », un par genre de fiche.
    pub usages: Vec<String>,
}

/// Ce que l'import a fait (ou ferait, en essai).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CompteRendu {
    pub essai: bool,
    /// « CSV UTF-8, séparateur « ; » ».
    pub format: String,
    /// L'académie retenue (« Lille »), ou aucune : toutes.
    pub academie: Option<String>,
    /// Ce que l'import a couvert, pour les messages : « académie d'Amiens », « toutes les académies ».
    pub perimetre: String,
    /// Lignes de données du fichier.
    pub lignes: usize,
    pub crees: usize,
    pub mis_a_jour: usize,
    pub inchanges: usize,
    /// Établissements déjà connus, ouverts ou d'état inconnu, que le fichier dit fermés.
    pub fermes: usize,
    /// Lignes d'une autre académie que celle choisie.
    pub hors_academie: usize,
    /// Lignes d'une académie que Passerelle ne connaît pas (collectivités d'outre-mer…).
    pub academie_inconnue: usize,
    /// Lignes non importées (code UAI faux, nom vide), avec leur numéro.
    pub rejets: Vec<String>,
    pub nb_rejets: usize,
    /// Ce qui a été lu mais pas repris (SIRET invalide, état inconnu…), avec le numéro de ligne.
    pub avertissements: Vec<String>,
    pub nb_avertissements: usize,
    /// Établissements que le fichier dit fermés et que des fiches citent.
    pub fermes_cites: Vec<FermeCite>,
}

impl CompteRendu {
    fn rejeter(&mut self, message: String) {
        self.nb_rejets += 1;
        if self.rejets.len() < MAX_MESSAGES {
            self.rejets.push(message);
        }
    }

    fn avertir(&mut self, message: String) {
        self.nb_avertissements += 1;
        if self.avertissements.len() < MAX_MESSAGES {
            self.avertissements.push(message);
        }
    }
}

/// Importe le fichier `octets` ; `academie` : code (« 09 ») ou nom (« Lille ») de l'académie à
/// retenir, `None` pour toutes. Une académie inconnue, un fichier illisible ou une colonne
/// obligatoire absente : erreur, rien n'est écrit.
pub fn importer(
    conn: &Connection,
    octets: &[u8],
    academie: Option<&str>,
    essai: bool,
    suivi: &Suivi,
) -> Resultat<CompteRendu> {
    let choisie = academie
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| academies::trouver(conn, a))
        .transpose()?;
    let table = csv::lire(octets).map_err(|e| Erreur::Import(vec![e]))?;
    let colonnes = lecture::Colonnes::trouver(&table).map_err(|e| Erreur::Import(vec![e]))?;
    let mut cr = CompteRendu {
        essai,
        format: table.format(),
        academie: choisie.as_ref().map(|a| a.nom.clone()),
        perimetre: match &choisie {
            Some(a) => format!("académie {}", academies::de(&a.nom)),
            None => "toutes les académies".into(),
        },
        lignes: table.lignes.len(),
        ..Default::default()
    };
    let mut academies_du_fichier = lecture::Academies::default();
    let mut fermes_connus = Vec::new();
    crate::annuaire::recherche::pour_un_import(
        conn,
        table.lignes.len(),
        &["etablissement"],
        || {
            csv::importer_lignes(conn, &table, essai, suivi, |tx, ligne| {
                let (academie_id, libelle) =
                    academies_du_fichier.de_la_ligne(tx, &colonnes, ligne)?;
                match (&choisie, academie_id) {
                    (Some(a), id) if id != Some(a.id) => {
                        cr.hors_academie += 1;
                        Ok(())
                    }
                    (_, None) => {
                        cr.academie_inconnue += 1;
                        if academies_du_fichier.signaler(&libelle) {
                            cr.avertir(format!(
                        "Ligne {} : académie « {libelle} » inconnue de Passerelle : ses établissements ne sont pas importés.",
                        ligne.numero
                    ));
                        }
                        Ok(())
                    }
                    (_, Some(id)) => match lecture::fiche(&colonnes, ligne, id, &mut cr) {
                        Some(fiche) => {
                            application::appliquer(tx, &fiche, &mut cr, &mut fermes_connus)
                        }
                        None => Ok(()),
                    },
                }
            })
        },
    )?;
    cr.fermes_cites = application::fermes_cites(conn, &fermes_connus)?;
    Ok(cr)
}
