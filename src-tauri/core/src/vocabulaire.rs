//! Le vocabulaire : chaque liste de codes (types, statuts, collèges…) est une énumération Rust
//! déclarée par `codes!` dans le module qui l'emploie, avec son libellé français à côté. La base
//! stocke le code, la page le reçoit, et `references` envoie toutes les listes à la page.

use serde::Serialize;
use std::collections::BTreeMap;

/// Un code et son libellé, tels qu'une liste de choix de la page les affiche.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Choix {
    pub code: &'static str,
    pub libelle: &'static str,
}

/// Ce que `codes!` donne à chaque énumération de codes.
pub trait Code: Sized + Copy + 'static {
    const TOUS: &'static [Self];
    fn code(self) -> &'static str;
    fn libelle(self) -> &'static str;

    fn depuis_code(code: &str) -> Option<Self> {
        Self::TOUS.iter().copied().find(|c| c.code() == code)
    }

    /// La saisie d'une liste de choix ; `quoi` nomme le champ dans le message d'erreur.
    fn choisi(saisie: &str, quoi: &str) -> Result<Self, String> {
        Self::depuis_code(saisie.trim()).ok_or_else(|| format!("Choisissez {quoi} dans la liste."))
    }

    /// Le libellé d'un code lu ailleurs (le code lui-même s'il est inconnu).
    fn libelle_de(code: &str) -> &str {
        match Self::TOUS.iter().find(|c| c.code() == code) {
            Some(c) => c.libelle(),
            None => code,
        }
    }

    fn choix() -> Vec<Choix> {
        choix_de(Self::TOUS)
    }
}

/// Les choix d'une partie d'une liste de codes, dans l'ordre donné.
pub fn choix_de<C: Code>(codes: &[C]) -> Vec<Choix> {
    codes
        .iter()
        .map(|c| Choix {
            code: c.code(),
            libelle: c.libelle(),
        })
        .collect()
}

/// Déclare une énumération de codes : `Variante = "code" => "Libellé"`. Le code est ce que la
/// base stocke et ce que la page envoie et reçoit (serde) ; le libellé est ce qu'on affiche.
#[macro_export]
macro_rules! codes {
    ($(#[$doc:meta])* pub enum $nom:ident { $($variante:ident = $code:literal => $libelle:literal,)+ }) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
        )]
        pub enum $nom {
            $(#[serde(rename = $code)] $variante,)+
        }

        impl $crate::vocabulaire::Code for $nom {
            const TOUS: &'static [Self] = &[$($nom::$variante),+];
            fn code(self) -> &'static str {
                match self { $($nom::$variante => $code,)+ }
            }
            fn libelle(self) -> &'static str {
                match self { $($nom::$variante => $libelle,)+ }
            }
        }

        impl $nom {
            /// Le code, tel que la base le stocke.
            pub fn as_str(&self) -> &'static str {
                $crate::vocabulaire::Code::code(*self)
            }
        }

        /// Le premier de la liste : valeur d'attente des validations, jamais enregistrée telle quelle.
        impl Default for $nom {
            fn default() -> Self {
                [$($nom::$variante),+][0]
            }
        }

        impl rusqlite::types::ToSql for $nom {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok($crate::vocabulaire::Code::code(*self).into())
            }
        }

        impl rusqlite::types::FromSql for $nom {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let texte = v.as_str()?;
                <Self as $crate::vocabulaire::Code>::depuis_code(texte)
                    .ok_or_else(|| rusqlite::types::FromSqlError::Other(
                        format!("code inconnu « {texte} »").into(),
                    ))
            }
        }

        /// Comparer à un code écrit tel quel (tests, conditions sur des valeurs lues).
        impl PartialEq<&str> for $nom {
            fn eq(&self, autre: &&str) -> bool {
                $crate::vocabulaire::Code::code(*self) == *autre
            }
        }
    };
}

/// Une liste de codes connue de la page et, le cas échéant, les colonnes de la base qu'elle
/// contraint (`table`, `colonne`) : un test compare leurs CHECK à l'énumération.
pub struct Liste {
    pub nom: &'static str,
    pub choix: fn() -> Vec<Choix>,
    pub colonnes: &'static [(&'static str, &'static str)],
}

const fn liste<C: Code>(
    nom: &'static str,
    colonnes: &'static [(&'static str, &'static str)],
) -> Liste {
    Liste {
        nom,
        choix: C::choix,
        colonnes,
    }
}

/// Toutes les listes de codes, sous le nom que la page emploie.
pub const LISTES: &[Liste] = {
    use crate::annuaire::{etablissements, organisations, personnes};
    use crate::cet::{self, mandats};
    use crate::clee::{actions as clee_actions, comites};
    use crate::conventions::{contrat, fiches};
    use crate::ipe::{self, actions as ipe_actions};
    use crate::{echeancier, reunions};
    &[
        liste::<etablissements::TypeEtablissement>(
            "types_etablissement",
            &[("etablissement", "type")],
        ),
        liste::<etablissements::StatutEtablissement>(
            "statuts_etablissement",
            &[("etablissement", "statut")],
        ),
        liste::<etablissements::EtatEtablissement>(
            "etats_etablissement",
            &[("etablissement", "etat")],
        ),
        liste::<organisations::TypeOrganisation>("types_organisation", &[("organisation", "type")]),
        liste::<personnes::Civilite>("civilites", &[("personne", "civilite")]),
        liste::<personnes::Rattachement>("rattachements", &[]),
        liste::<ipe::Service>("services_ipe", &[("ipe", "service")]),
        liste::<ipe::NiveauAction>("niveaux_action_ipe", &[("action_ipe", "niveau")]),
        liste::<crate::dates::GenrePeriode>("periodes_bilan", &[("commentaire_bilan", "periode")]),
        liste::<ipe_actions::Effectif>("effectifs_ipe", &[]),
        liste::<fiches::TypeConvention>("types_convention", &[("convention", "type")]),
        liste::<fiches::NiveauConvention>("niveaux_convention", &[("convention", "niveau")]),
        liste::<crate::conventions::calendrier::Renouvellement>(
            "renouvellements",
            &[("convention", "renouvellement")],
        ),
        liste::<fiches::StatutConvention>("statuts_convention", &[("convention_statut", "statut")]),
        liste::<contrat::Source>("sources_indicateur", &[("contrat_progres", "source")]),
        liste::<reunions::TypeReunion>("types_reunion", &[("reunion", "type")]),
        // Les types permis dans chaque cadre de réunion, le premier par défaut.
        Liste {
            nom: "types_reunion_convention",
            choix: || choix_de(reunions::Cadre::Convention(0).types()),
            colonnes: &[],
        },
        Liste {
            nom: "types_reunion_comite",
            choix: || choix_de(reunions::Cadre::Comite(0).types()),
            colonnes: &[],
        },
        Liste {
            nom: "types_reunion_reseau",
            choix: || choix_de(reunions::Cadre::Reseau(0).types()),
            colonnes: &[],
        },
        liste::<reunions::EtatPresence>("etats_presence", &[("reunion_presence", "etat")]),
        liste::<reunions::College>("colleges", &[("clee_membre", "college")]),
        liste::<clee_actions::TypeActionClee>("types_action_clee", &[("action_clee", "type")]),
        liste::<comites::StatutComite>("statuts_comite", &[("comite_clee", "statut")]),
        liste::<cet::StatutPro>("statuts_pro_cet", &[("cet", "statut_pro")]),
        liste::<cet::Designation>("designations_cet", &[("cet", "designation")]),
        liste::<cet::Mission>("missions_cet", &[]),
        liste::<mandats::EtatMandat>("etats_mandat", &[]),
        liste::<echeancier::Nature>("natures_echeance", &[]),
        liste::<crate::journal::Operation>("operations_journal", &[("journal", "operation")]),
        liste::<crate::journal::Chemin>("chemins_journal", &[("journal", "chemin")]),
        liste::<crate::journal::Module>("modules_journal", &[("journal", "module")]),
        liste::<crate::consolidation::Perimetre>(
            "perimetres_paquet",
            &[("consolidation_source", "perimetre")],
        ),
        liste::<crate::consolidation::Portee>("portees_paquet", &[]),
        liste::<crate::consolidation::NatureConflit>(
            "natures_conflit",
            &[("consolidation_conflit", "nature")],
        ),
        liste::<crate::consolidation::Decision>(
            "decisions_conflit",
            &[("consolidation_conflit", "decision")],
        ),
    ]
};

/// Toutes les listes, pour la page : `{ "types_convention": [{code, libelle}, …], … }`.
pub fn listes() -> BTreeMap<&'static str, Vec<Choix>> {
    LISTES.iter().map(|l| (l.nom, (l.choix)())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashMap};

    /// Les valeurs de chaque `CHECK (colonne IN ('a', 'b'))` du schéma, par (table, colonne).
    fn contraintes_du_schema() -> HashMap<(String, String), BTreeSet<String>> {
        let dossier = tempfile::tempdir().unwrap();
        let base = crate::base::ouvrir(&dossier.path().join("schema.sqlite")).unwrap();
        let mut st = base
            .conn
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
            .unwrap();
        let tables: Vec<(String, String)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut contraintes = HashMap::new();
        for (table, sql) in tables {
            for morceau in sql.split("CHECK (").skip(1) {
                let Some((colonne, reste)) = morceau.split_once(" IN (") else {
                    continue;
                };
                let valeurs = reste.split(')').next().unwrap();
                let valeurs: BTreeSet<String> = valeurs
                    .split(',')
                    .map(|v| v.trim().trim_matches('\'').to_string())
                    .collect();
                contraintes.insert((table.clone(), colonne.trim().to_string()), valeurs);
            }
        }
        contraintes
    }

    #[test]
    fn chaque_contrainte_de_la_base_suit_son_enumeration() {
        let mut contraintes = contraintes_du_schema();
        assert!(contraintes.len() >= 15, "{contraintes:?}");
        for l in LISTES {
            let codes: BTreeSet<String> = (l.choix)().iter().map(|c| c.code.to_string()).collect();
            for (table, colonne) in l.colonnes {
                let mut permis = contraintes
                    .remove(&(table.to_string(), colonne.to_string()))
                    .unwrap_or_else(|| panic!("{}: pas de CHECK sur {table}.{colonne}", l.nom));
                // Une civilité peut rester non renseignée (imports) : la base admet ''.
                if (*table, *colonne) == ("personne", "civilite") {
                    assert!(permis.remove(""), "civilité vide refusée par la base");
                }
                assert_eq!(permis, codes, "{}: {table}.{colonne} diffère", l.nom);
            }
        }
        assert!(
            contraintes.is_empty(),
            "CHECK sans énumération : {contraintes:?}"
        );
    }

    #[test]
    fn les_listes_ont_des_noms_et_des_codes_uniques() {
        let mut noms = BTreeSet::new();
        for l in LISTES {
            assert!(noms.insert(l.nom), "liste en double : {}", l.nom);
            let choix = (l.choix)();
            assert!(!choix.is_empty(), "{} est vide", l.nom);
            let codes: BTreeSet<_> = choix.iter().map(|c| c.code).collect();
            assert_eq!(codes.len(), choix.len(), "code en double dans {}", l.nom);
            assert!(choix.iter().all(|c| !c.libelle.is_empty()));
        }
    }

    #[test]
    fn un_code_va_et_vient_par_serde_et_par_la_base() {
        use crate::conventions::fiches::StatutConvention;
        let s = StatutConvention::SigneeHorsOutil;
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"signee_hors_outil\"");
        let relu: StatutConvention = serde_json::from_str("\"signee_hors_outil\"").unwrap();
        assert_eq!(relu, s);
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let lu: StatutConvention = conn.query_row("SELECT ?1", [s], |r| r.get(0)).unwrap();
        assert_eq!(lu, s);
        let inconnu = conn.query_row("SELECT 'inconnu'", [], |r| r.get::<_, StatutConvention>(0));
        assert!(inconnu.is_err());
        assert_eq!(
            StatutConvention::choisi(" x ", "le statut").unwrap_err(),
            "Choisissez le statut dans la liste."
        );
    }

    /// Chaque liste nommée par la page (`codes('…')`, `libelleCode('…', …)`) existe ici.
    #[test]
    fn chaque_liste_nommee_par_la_page_existe() {
        let noms: BTreeSet<&str> = LISTES.iter().map(|l| l.nom).collect();
        let racine = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/js");
        let mut fichiers = vec![racine];
        let mut appels = 0;
        while let Some(f) = fichiers.pop() {
            if f.is_dir() {
                fichiers.extend(std::fs::read_dir(&f).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let texte = std::fs::read_to_string(&f).unwrap();
            for appel in ["codes('", "libelleCode('"] {
                for morceau in texte.split(appel).skip(1) {
                    let nom = morceau.split('\'').next().unwrap();
                    assert!(
                        noms.contains(nom),
                        "{}: liste inconnue « {nom} »",
                        f.display()
                    );
                    appels += 1;
                }
            }
        }
        assert!(appels >= 30, "{appels} appels seulement");
    }
}
