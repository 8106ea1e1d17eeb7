//! Quelles sauvegardes garder : toutes celles des dernières heures, puis une par jour, puis une
//! par mois ; celles prises avant une opération risquée un temps fixé. Calcul pur, testé seul.

use super::Raison;
use chrono::{Datelike, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Durées de conservation (réglables dans Paramètres).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Retention {
    /// Toutes les sauvegardes de ces dernières heures.
    pub heures: u32,
    /// Puis la plus récente de chaque jour, pendant ces jours.
    pub jours: u32,
    /// Puis la plus récente de chaque mois, pendant ces mois.
    pub mois: u32,
    /// Celles prises avant un import, une campagne, une restauration ou une migration.
    pub avant_operation_jours: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            heures: 24,
            jours: 30,
            mois: 12,
            avant_operation_jours: 30,
        }
    }
}

/// Rangs (dans `liste`) des sauvegardes à supprimer à l'instant `maintenant`.
pub fn a_supprimer(
    liste: &[(NaiveDateTime, Raison)],
    maintenant: NaiveDateTime,
    r: &Retention,
) -> Vec<usize> {
    let mut ordre: Vec<usize> = (0..liste.len()).collect();
    // La plus récente d'abord : elle représente son jour et son mois.
    ordre.sort_by(|a, b| liste[*b].0.cmp(&liste[*a].0));
    let mut jours_vus = HashSet::new();
    let mut mois_vus = HashSet::new();
    let mut supprimer = Vec::new();
    for i in ordre {
        let (quand, raison) = liste[i];
        let age = maintenant.signed_duration_since(quand);
        let jour = quand.date();
        let mois = (quand.year(), quand.month());
        // Chaque sauvegarde compte pour son jour et son mois, même gardée pour une autre raison.
        let premiere_du_jour = jours_vus.insert(jour);
        let premiere_du_mois = mois_vus.insert(mois);
        let garder = age.num_hours() < i64::from(r.heures)
            || (premiere_du_jour && age.num_days() < i64::from(r.jours))
            || (premiere_du_mois && age.num_days() < 31 * i64::from(r.mois))
            || (raison.avant_operation() && age.num_days() < i64::from(r.avant_operation_jours));
        if !garder {
            supprimer.push(i);
        }
    }
    supprimer.sort_unstable();
    supprimer
}

#[cfg(test)]
mod tests_reglages {
    use super::Retention;
    use crate::sauvegardes::{ecrire_retention, retention};

    #[test]
    fn reglages_bornes_enregistres_et_relus() {
        let c = crate::base::en_memoire().unwrap();
        assert_eq!(retention(&c).unwrap(), Retention::default());
        let r = Retention {
            heures: 48,
            jours: 60,
            mois: 24,
            avant_operation_jours: 90,
        };
        assert_eq!(ecrire_retention(&c, &r).unwrap(), r);
        assert_eq!(retention(&c).unwrap(), r);
        let e = ecrire_retention(
            &c,
            &Retention {
                heures: 0,
                mois: 1000,
                ..r
            },
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("dernière heure") && e.contains("dépasser 240"),
            "{e}"
        );
        assert_eq!(retention(&c).unwrap(), r, "rien d'écrit après un refus");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn t(j: u32, m: u32, a: i32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(a, m, j)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn heures_puis_un_par_jour_puis_un_par_mois() {
        let maintenant = t(2, 12, 2026, 14);
        let mut liste = Vec::new();
        // Une sauvegarde toutes les 15 minutes pendant 40 jours.
        let mut quand = maintenant - Duration::days(40);
        while quand <= maintenant {
            liste.push((quand, Raison::Automatique));
            quand += Duration::minutes(15);
        }
        // Et une par mois depuis deux ans.
        for mois in 1..=24 {
            liste.push((maintenant - Duration::days(31 * mois), Raison::Automatique));
        }
        let r = Retention::default();
        let supprimees = a_supprimer(&liste, maintenant, &r);
        let gardees: Vec<NaiveDateTime> = (0..liste.len())
            .filter(|i| !supprimees.contains(i))
            .map(|i| liste[i].0)
            .collect();
        let recentes = gardees
            .iter()
            .filter(|q| maintenant.signed_duration_since(**q) < Duration::hours(24))
            .count();
        assert_eq!(recentes, 24 * 4, "toutes celles des dernières 24 heures");
        // Chaque jour des 30 derniers qui avait des sauvegardes en garde au moins une.
        let jours = |v: &mut dyn Iterator<Item = NaiveDateTime>| -> HashSet<NaiveDate> {
            v.filter(|q| maintenant.signed_duration_since(*q) < Duration::days(30))
                .map(|q| q.date())
                .collect()
        };
        let attendus = jours(&mut liste.iter().map(|(q, _)| *q));
        assert_eq!(jours(&mut gardees.iter().copied()), attendus);
        assert!(attendus.len() >= 30, "{}", attendus.len());
        assert!(
            gardees
                .iter()
                .all(|q| maintenant.signed_duration_since(*q) < Duration::days(31 * 12)),
            "rien au-delà de 12 mois"
        );
        let mois: HashSet<_> = gardees.iter().map(|q| (q.year(), q.month())).collect();
        assert!(mois.len() >= 12, "{} mois", mois.len());
        // Pas plus d'une par jour au-delà des 24 heures.
        let anciennes = gardees
            .iter()
            .filter(|q| maintenant.signed_duration_since(**q) >= Duration::hours(24))
            .count();
        assert!(anciennes <= 30 + 12, "{anciennes}");
    }

    #[test]
    fn avant_import_gardee_trente_jours_meme_au_milieu_de_la_journee() {
        let maintenant = t(2, 12, 2026, 14);
        let liste = [
            (t(20, 11, 2026, 18), Raison::Automatique),
            (t(20, 11, 2026, 9), Raison::AvantImport),
            (t(20, 11, 2026, 8), Raison::Automatique),
            (t(1, 10, 2026, 9), Raison::AvantImport),
        ];
        let supprimees = a_supprimer(&liste, maintenant, &Retention::default());
        // 18 h : la plus récente du 20 ; 9 h : avant import ; 8 h : de trop ; 1er octobre :
        // avant import de plus de 30 jours, mais la plus récente de son mois.
        assert_eq!(supprimees, vec![2]);
        let serree = Retention {
            mois: 0,
            ..Retention::default()
        };
        assert_eq!(a_supprimer(&liste, maintenant, &serree), vec![2, 3]);
    }
}
