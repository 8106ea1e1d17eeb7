-- Conseillers entreprise pour l'École (ex-CET) : registre, mandats successifs, établissements
-- de référence, participations aux jurys. Les animations du réseau sont des réunions du cadre
-- « réseau » (reunion.academie_id) complétées par leur thème, leurs secteurs et leurs co-organisateurs.

-- Commissions professionnelles consultatives : liste de référence, modifiable par l'utilisateur.
CREATE TABLE cpc (
    id        INTEGER PRIMARY KEY,
    nom       TEXT NOT NULL UNIQUE,
    recherche TEXT NOT NULL DEFAULT ''
);
INSERT INTO cpc (nom, recherche) VALUES
    ('Métallurgie', 'metallurgie'),
    ('Bâtiment, travaux publics et matériaux de construction', 'batiment travaux publics et materiaux de construction'),
    ('Chimie, bio-industrie, environnement', 'chimie bio industrie environnement'),
    ('Alimentation', 'alimentation'),
    ('Textiles, mode et cuir', 'textiles mode et cuir'),
    ('Arts appliqués', 'arts appliques'),
    ('Communication graphique et audiovisuel', 'communication graphique et audiovisuel'),
    ('Transport, logistique, sécurité et autres services', 'transport logistique securite et autres services'),
    ('Commerce et distribution', 'commerce et distribution'),
    ('Services administratifs et financiers', 'services administratifs et financiers'),
    ('Tourisme, hôtellerie, restauration', 'tourisme hotellerie restauration'),
    ('Coiffure, esthétique et services connexes', 'coiffure esthetique et services connexes'),
    ('Secteurs sanitaires et sociaux', 'secteurs sanitaires et sociaux'),
    ('Agriculture et aménagement des espaces', 'agriculture et amenagement des espaces');

CREATE TABLE cet (
    id                         INTEGER PRIMARY KEY,
    personne_id                INTEGER NOT NULL UNIQUE REFERENCES personne(id),
    statut_pro                 TEXT NOT NULL CHECK (statut_pro IN ('chef_entreprise', 'salarie', 'artisan',
                                   'profession_liberale', 'retraite', 'salarie_organisation', 'non_renseigne')),
    employeur_id               INTEGER REFERENCES organisation(id),
    secteur                    TEXT NOT NULL DEFAULT '',
    cpc_id                     INTEGER REFERENCES cpc(id),
    specialites                TEXT NOT NULL DEFAULT '',   -- spécialités, diplômes concernés
    designation                TEXT NOT NULL DEFAULT 'organisation_professionnelle'
                                   CHECK (designation IN ('organisation_professionnelle', 'inspecteur',
                                       'chef_etablissement', 'afdet', 'autre')),
    organisation_proposante_id INTEGER REFERENCES organisation(id),
    academie_id                INTEGER NOT NULL REFERENCES academie(id),
    bassin_id                  INTEGER REFERENCES bassin(id),
    missions                   TEXT NOT NULL DEFAULT '',   -- codes séparés par des virgules
    recherche                  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cet_cpc ON cet(cpc_id);
CREATE INDEX cet_proposante ON cet(organisation_proposante_id);
CREATE INDEX cet_employeur ON cet(employeur_id);

-- Chaque nomination ou renouvellement : arrêté et dates du mandat. Le mandat en cours est le
-- plus récent.
CREATE TABLE mandat_cet (
    id          INTEGER PRIMARY KEY,
    cet_id      INTEGER NOT NULL REFERENCES cet(id) ON DELETE CASCADE,
    date_arrete TEXT,
    debut       TEXT NOT NULL,
    fin         TEXT NOT NULL,
    CHECK (fin >= debut)
);
CREATE INDEX mandat_cet_cet ON mandat_cet(cet_id, debut);
CREATE INDEX mandat_cet_fin ON mandat_cet(fin);

CREATE TABLE cet_etablissement (
    cet_id           INTEGER NOT NULL REFERENCES cet(id) ON DELETE CASCADE,
    etablissement_id INTEGER NOT NULL REFERENCES etablissement(id),
    PRIMARY KEY (cet_id, etablissement_id)
);

CREATE TABLE cet_jury (
    id      INTEGER PRIMARY KEY,
    cet_id  INTEGER NOT NULL REFERENCES cet(id) ON DELETE CASCADE,
    session TEXT NOT NULL,
    diplome TEXT NOT NULL,
    date    TEXT NOT NULL
);
CREATE INDEX cet_jury_cet ON cet_jury(cet_id);

CREATE TABLE animation_cet (
    reunion_id INTEGER PRIMARY KEY REFERENCES reunion(id) ON DELETE CASCADE,
    theme      TEXT NOT NULL DEFAULT '',
    secteurs   TEXT NOT NULL DEFAULT '',   -- secteurs visés, séparés par des points-virgules
    notes      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE animation_coorganisateur (
    reunion_id      INTEGER NOT NULL REFERENCES reunion(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    PRIMARY KEY (reunion_id, organisation_id)
);
CREATE INDEX reunion_presence_personne ON reunion_presence(personne_id);
