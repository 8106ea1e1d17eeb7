//! Les dates qu'une convention fait naître, toutes dérivées de ce qui est signé : date d'effet,
//! durée, avenants, mode de renouvellement, préavis, règle d'évaluation. Rien n'est saisi deux fois.

use crate::base::Ligne;
use chrono::{Datelike, Months, NaiveDate};

crate::codes! {
    /// Mode de renouvellement : tacite = reconduite chaque année à l'échéance sauf dénonciation ;
    /// exprès = renouvelée seulement par une décision des parties.
    pub enum Renouvellement {
        Aucun = "aucun" => "Aucun",
        TaciteAnnuel = "tacite_annuel" => "Reconduction tacite annuelle",
        Expres = "expres" => "Renouvellement exprès",
    }
}

/// Ce que disent les articles « durée » et « dénonciation ».
#[derive(Debug, Clone, PartialEq)]
pub struct Clauses {
    pub effet: NaiveDate,
    pub duree_mois: u32,
    pub renouvellement: Renouvellement,
    pub preavis_mois: u32,
    /// Évaluation à remettre avant ce jour et ce mois de la dernière année (ex. 1er juillet).
    pub evaluation_avant: Option<(u32, u32)>,
}

/// Un avenant qui change la fin de la convention (les autres n'influent pas sur le calendrier).
#[derive(Debug, Clone, PartialEq, Ligne)]
pub struct AvenantDeFin {
    pub signe_le: NaiveDate,
    pub nouvelle_fin: NaiveDate,
}

/// Le dernier jour couvert : la veille de la date d'effet, avancée de la durée. (Compter depuis
/// la veille évite de perdre un jour quand l'anniversaire n'existe pas : 29 février, 31 du mois.)
pub fn fin_initiale(c: &Clauses) -> Option<NaiveDate> {
    c.effet
        .pred_opt()?
        .checked_add_months(Months::new(c.duree_mois))
}

/// Fin après avenants : le plus récent des avenants qui la modifient l'emporte.
pub fn fin(c: &Clauses, avenants: &[AvenantDeFin]) -> Option<NaiveDate> {
    match avenants.iter().max_by_key(|a| a.signe_le) {
        Some(a) => Some(a.nouvelle_fin),
        None => fin_initiale(c),
    }
}

/// Échéance en cours au `jour` donné : une convention reconduite tacitement chaque année
/// voit son échéance repoussée d'un an tant qu'elle n'a pas été dénoncée.
pub fn echeance_au(c: &Clauses, avenants: &[AvenantDeFin], jour: NaiveDate) -> Option<NaiveDate> {
    let mut e = fin(c, avenants)?;
    if c.renouvellement == Renouvellement::TaciteAnnuel {
        while e < jour {
            e = e.checked_add_months(Months::new(12))?;
        }
    }
    Some(e)
}

/// Dernier jour pour dénoncer (ou refuser le renouvellement) en respectant le préavis.
pub fn limite_preavis(echeance: NaiveDate, preavis_mois: u32) -> Option<NaiveDate> {
    echeance.checked_sub_months(Months::new(preavis_mois))
}

/// Date limite de l'évaluation : le jour et le mois fixés, dans l'année de la fin.
pub fn limite_evaluation(c: &Clauses, fin: NaiveDate) -> Option<NaiveDate> {
    let (jour, mois) = c.evaluation_avant?;
    NaiveDate::from_ymd_opt(fin.year(), mois, jour)
}

/// Réunions du groupe de suivi : une année qui en compte (tenues ou prévues) moins que le
/// minimum fixé par la convention (deux par an le plus souvent) doit lever une alerte.
pub fn reunions_insuffisantes(annee: i32, reunions: &[NaiveDate], minimum: usize) -> bool {
    reunions.iter().filter(|d| d.year() == annee).count() < minimum
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::dates::lire(s).unwrap()
    }

    /// Convention MEN–APCM : effet le 25 mars 2003, cinq ans, six mois de préavis.
    fn apcm() -> Clauses {
        Clauses {
            effet: d("25/03/2003"),
            duree_mois: 60,
            renouvellement: Renouvellement::Expres,
            preavis_mois: 6,
            evaluation_avant: None,
        }
    }

    #[test]
    fn fin_et_preavis_de_la_convention_apcm() {
        let f = fin(&apcm(), &[]).unwrap();
        assert_eq!(f, d("24/03/2008"));
        assert_eq!(limite_preavis(f, 6).unwrap(), d("24/09/2007"));
        // Une convention sans reconduction tacite ne bouge pas après son terme.
        assert_eq!(
            echeance_au(&apcm(), &[], d("01/01/2010")).unwrap(),
            d("24/03/2008")
        );
    }

    #[test]
    fn un_avenant_repousse_la_fin_et_tout_ce_qui_en_decoule() {
        let avenants = [
            AvenantDeFin {
                signe_le: d("10/01/2007"),
                nouvelle_fin: d("31/12/2008"),
            },
            AvenantDeFin {
                signe_le: d("15/06/2008"),
                nouvelle_fin: d("30/06/2009"),
            },
        ];
        let f = fin(&apcm(), &avenants).unwrap();
        assert_eq!(f, d("30/06/2009"));
        assert_eq!(limite_preavis(f, 6).unwrap(), d("30/12/2008"));
    }

    /// Convention IPE de 2007 : quatre ans, reconduction tacite annuelle, évaluation avant le
    /// 1er juillet de la dernière année, trois mois de préavis.
    #[test]
    fn convention_ipe_reconduction_tacite_et_evaluation() {
        let c = Clauses {
            effet: d("01/01/2007"),
            duree_mois: 48,
            renouvellement: Renouvellement::TaciteAnnuel,
            preavis_mois: 3,
            evaluation_avant: Some((1, 7)),
        };
        let f = fin(&c, &[]).unwrap();
        assert_eq!(f, d("31/12/2010"));
        assert_eq!(limite_evaluation(&c, f).unwrap(), d("01/07/2010"));
        assert_eq!(
            echeance_au(&c, &[], d("15/03/2011")).unwrap(),
            d("31/12/2011")
        );
        assert_eq!(
            echeance_au(&c, &[], d("31/12/2010")).unwrap(),
            d("31/12/2010")
        );
        assert_eq!(limite_preavis(d("31/12/2011"), 3).unwrap(), d("30/09/2011"));
    }

    #[test]
    fn fin_de_mois_et_annees_bissextiles() {
        let c = Clauses {
            effet: d("29/02/2024"),
            duree_mois: 12,
            renouvellement: Renouvellement::Aucun,
            preavis_mois: 1,
            evaluation_avant: None,
        };
        assert_eq!(fin(&c, &[]).unwrap(), d("28/02/2025"));
        let un_mois = Clauses {
            effet: d("31/01/2026"),
            duree_mois: 1,
            ..c.clone()
        };
        assert_eq!(fin(&un_mois, &[]).unwrap(), d("28/02/2026"));
        assert_eq!(limite_preavis(d("31/03/2025"), 1).unwrap(), d("28/02/2025"));
    }

    #[test]
    fn groupe_de_suivi_deux_reunions_par_an() {
        let reunions = [d("12/03/2026"), d("20/11/2026"), d("05/02/2027")];
        assert!(!reunions_insuffisantes(2026, &reunions, 2));
        assert!(reunions_insuffisantes(2027, &reunions, 2));
    }
}
