//! Aides communes aux tests de ce fichier.

#![allow(unused_imports)]

pub(crate) use crate::common::{d, evenements_ics};
pub(crate) use chrono::{Days, Local, Months, NaiveDate};
pub(crate) use icalendar::Component;
pub(crate) use passerelle_core::conventions::fiches::{
    self, FiltreConventions, SaisieAvenant, SaisieConvention,
};
pub(crate) use passerelle_core::echeancier;
pub(crate) use passerelle_core::{base, dates, parametres, Connection, Erreur};

pub(crate) fn apcm() -> SaisieConvention {
    SaisieConvention {
        type_: "cadre_nationale".into(),
        niveau: "national".into(),
        titre: "Convention Éducation nationale – APCM".into(),
        date_signature: "21/05/2003".into(),
        date_effet: "25/03/2003".into(),
        duree: "5 ans".into(),
        renouvellement: "expres".into(),
        preavis_mois: "6".into(),
        ..Default::default()
    }
}

/// Une convention en vigueur dont la fin tombe dans `jours` jours, préavis d'un mois.
pub(crate) fn convention_proche(c: &Connection, titre: &str, statut: &str) -> i64 {
    let aujourdhui = Local::now().date_naive();
    // fin = veille de l'effet + 12 mois : on vise une fin dans 60 jours environ.
    let effet = (aujourdhui + Days::new(61))
        .checked_sub_months(Months::new(12))
        .unwrap();
    let s = SaisieConvention {
        type_: "academie_organisation".into(),
        titre: titre.into(),
        date_effet: dates::francaise(effet),
        duree: "12".into(),
        preavis_mois: "1".into(),
        statut: statut.into(),
        ..Default::default()
    };
    fiches::creer(c, &s).unwrap().id
}
