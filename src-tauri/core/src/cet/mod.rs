//! Conseillers entreprise pour l'École (ex-conseillers de l'enseignement technologique, CET) :
//! registre et mandats, CPC, animations du réseau, import et export, retours aux organisations
//! professionnelles et aux employeurs, bilan annuel.

pub mod animations;
pub mod bilan;
pub mod cpc;
pub mod documents;
pub mod export;
pub mod import;
pub mod jurys;
pub mod mandats;
pub mod registre;

crate::codes! {
    /// Statut professionnel d'un CET (« non renseigné » : listes importées sans cette colonne, à compléter).
    pub enum StatutPro {
        ChefEntreprise = "chef_entreprise" => "Chef d'entreprise",
        Salarie = "salarie" => "Salarié",
        Artisan = "artisan" => "Artisan",
        ProfessionLiberale = "profession_liberale" => "Profession libérale",
        Retraite = "retraite" => "Retraité",
        SalarieOrganisation = "salarie_organisation" => "Salarié d'une organisation professionnelle",
        NonRenseigne = "non_renseigne" => "Non renseigné",
    }
}

crate::codes! {
    /// Qui a désigné le CET.
    pub enum Designation {
        OrganisationProfessionnelle = "organisation_professionnelle" => "Organisation professionnelle",
        Inspecteur = "inspecteur" => "Inspecteur",
        ChefEtablissement = "chef_etablissement" => "Chef d'établissement",
        Afdet = "afdet" => "AFDET",
        Autre = "autre" => "Autre",
    }
}

crate::codes! {
    /// Mission confiée à un CET.
    pub enum Mission {
        Expertise = "expertise" => "Expertise et conseil",
        Interface = "interface" => "Interface et référent d'établissements",
        Jurys = "jurys" => "Jurys d'examens",
        Orientation = "orientation" => "Information et orientation",
        ParcoursAvenir = "parcours_avenir" => "Parcours Avenir",
        Autres = "autres" => "Autres missions",
    }
}
