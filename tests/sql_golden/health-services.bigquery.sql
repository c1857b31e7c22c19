SELECT
  *,
  CAST((
    CAST(0 AS INT64) + CASE WHEN `icp_c_health-sector` THEN 2 ELSE 0 END + CASE WHEN `icp_c_services` THEN 2 ELSE 0 END + CASE WHEN `icp_c_modern` THEN 1 ELSE 0 END
  ) * 100 AS FLOAT64) / CAST(5 AS FLOAT64) AS icp_score,
  CAST((
    CAST(0 AS INT64) + CASE WHEN NOT `icp_c_health-sector` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_services` IS NULL THEN 2 ELSE 0 END + CASE WHEN NOT `icp_c_modern` IS NULL THEN 1 ELSE 0 END
  ) AS FLOAT64) / CAST(5 AS FLOAT64) AS icp_coverage,
  CASE
    WHEN `icp_c_health-sector` IS FALSE
    THEN 'required_failed'
    WHEN `icp_c_health-sector` IS NULL
    THEN 'insufficient_data'
    ELSE 'scored'
  END AS icp_status,
  'health-services' AS icp_profile,
  CASE
    WHEN CASE
      WHEN `icp_c_health-sector` IS FALSE
      THEN 'required_failed'
      WHEN `icp_c_health-sector` IS NULL
      THEN 'insufficient_data'
      ELSE 'scored'
    END = 'scored'
    THEN CASE
      WHEN CAST((
        CAST(0 AS INT64) + CASE WHEN `icp_c_health-sector` THEN 2 ELSE 0 END + CASE WHEN `icp_c_services` THEN 2 ELSE 0 END + CASE WHEN `icp_c_modern` THEN 1 ELSE 0 END
      ) * 100 AS FLOAT64) / CAST(5 AS FLOAT64) >= CAST('80.0' AS FLOAT64)
      THEN 'A'
      WHEN CAST((
        CAST(0 AS INT64) + CASE WHEN `icp_c_health-sector` THEN 2 ELSE 0 END + CASE WHEN `icp_c_services` THEN 2 ELSE 0 END + CASE WHEN `icp_c_modern` THEN 1 ELSE 0 END
      ) * 100 AS FLOAT64) / CAST(5 AS FLOAT64) >= CAST('60.0' AS FLOAT64)
      THEN 'B'
      WHEN CAST((
        CAST(0 AS INT64) + CASE WHEN `icp_c_health-sector` THEN 2 ELSE 0 END + CASE WHEN `icp_c_services` THEN 2 ELSE 0 END + CASE WHEN `icp_c_modern` THEN 1 ELSE 0 END
      ) * 100 AS FLOAT64) / CAST(5 AS FLOAT64) >= CAST('40.0' AS FLOAT64)
      THEN 'C'
    END
  END AS icp_tier,
  '2026.11+f9c17385b79d' AS icp_spec_version
FROM (
  SELECT
    t.*,
    (REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(TRANSLATE(LOWER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`industry` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`industry` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`industry` AS STRING) END, '')), 'µſͅςϐϑϕϖϰϱϵᏸᏹᏺᏻᏼᏽᲀᲁᲂᲃᲄᲅᲆᲇᲈẛιꭰꭱꭲꭳꭴꭵꭶꭷꭸꭹꭺꭻꭼꭽꭾꭿꮀꮁꮂꮃꮄꮅꮆꮇꮈꮉꮊꮋꮌꮍꮎꮏꮐꮑꮒꮓꮔꮕꮖꮗꮘꮙꮚꮛꮜꮝꮞꮟꮠꮡꮢꮣꮤꮥꮦꮧꮨꮩꮪꮫꮬꮭꮮꮯꮰꮱꮲꮳꮴꮵꮶꮷꮸꮹꮺꮻꮼꮽꮾꮿ', 'μsισβθφπκρεᏰᏱᏲᏳᏴᏵвдосттъѣꙋṡιᎠᎡᎢᎣᎤᎥᎦᎧᎨᎩᎪᎫᎬᎭᎮᎯᎰᎱᎲᎳᎴᎵᎶᎷᎸᎹᎺᎻᎼᎽᎾᎿᏀᏁᏂᏃᏄᏅᏆᏇᏈᏉᏊᏋᏌᏍᏎᏏᏐᏑᏒᏓᏔᏕᏖᏗᏘᏙᏚᏛᏜᏝᏞᏟᏠᏡᏢᏣᏤᏥᏦᏧᏨᏩᏪᏫᏬᏭᏮᏯ'), 'ß', 'ss'), 'ŉ', 'ʼn'), 'ǰ', 'ǰ'), 'ΐ', 'ΐ'), 'ΰ', 'ΰ'), 'և', 'եւ'), 'ẖ', 'ẖ'), 'ẗ', 'ẗ'), 'ẘ', 'ẘ'), 'ẙ', 'ẙ'), 'ẚ', 'aʾ'), 'ὐ', 'ὐ'), 'ὒ', 'ὒ'), 'ὔ', 'ὔ'), 'ὖ', 'ὖ'), 'ᾀ', 'ἀι'), 'ᾁ', 'ἁι'), 'ᾂ', 'ἂι'), 'ᾃ', 'ἃι'), 'ᾄ', 'ἄι'), 'ᾅ', 'ἅι'), 'ᾆ', 'ἆι'), 'ᾇ', 'ἇι'), 'ᾐ', 'ἠι'), 'ᾑ', 'ἡι'), 'ᾒ', 'ἢι'), 'ᾓ', 'ἣι'), 'ᾔ', 'ἤι'), 'ᾕ', 'ἥι'), 'ᾖ', 'ἦι'), 'ᾗ', 'ἧι'), 'ᾠ', 'ὠι'), 'ᾡ', 'ὡι'), 'ᾢ', 'ὢι'), 'ᾣ', 'ὣι'), 'ᾤ', 'ὤι'), 'ᾥ', 'ὥι'), 'ᾦ', 'ὦι'), 'ᾧ', 'ὧι'), 'ᾲ', 'ὰι'), 'ᾳ', 'αι'), 'ᾴ', 'άι'), 'ᾶ', 'ᾶ'), 'ᾷ', 'ᾶι'), 'ῂ', 'ὴι'), 'ῃ', 'ηι'), 'ῄ', 'ήι'), 'ῆ', 'ῆ'), 'ῇ', 'ῆι'), 'ῒ', 'ῒ'), 'ΐ', 'ΐ'), 'ῖ', 'ῖ'), 'ῗ', 'ῗ'), 'ῢ', 'ῢ'), 'ΰ', 'ΰ'), 'ῤ', 'ῤ'), 'ῦ', 'ῦ'), 'ῧ', 'ῧ'), 'ῲ', 'ὼι'), 'ῳ', 'ωι'), 'ῴ', 'ώι'), 'ῶ', 'ῶ'), 'ῷ', 'ῶι'), 'ﬀ', 'ff'), 'ﬁ', 'fi'), 'ﬂ', 'fl'), 'ﬃ', 'ffi'), 'ﬄ', 'ffl'), 'ﬅ', 'st'), 'ﬆ', 'st'), 'ﬓ', 'մն'), 'ﬔ', 'մե'), 'ﬕ', 'մի'), 'ﬖ', 'վն'), 'ﬗ', 'մխ')) = 'health care' AS `icp_c_health-sector`,
    (REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(TRANSLATE(LOWER(NULLIF(CASE WHEN REGEXP_CONTAINS(CAST(`t`.`sub_industry` AS STRING), '^[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]|[\t\n\v\f\r\x1c\x1d\x1e\x1f                  　]$') THEN TRIM(CAST(`t`.`sub_industry` AS STRING), '\t\n\v\f\r\x1c\x1d\x1e\x1f                  　') ELSE CAST(`t`.`sub_industry` AS STRING) END, '')), 'µſͅςϐϑϕϖϰϱϵᏸᏹᏺᏻᏼᏽᲀᲁᲂᲃᲄᲅᲆᲇᲈẛιꭰꭱꭲꭳꭴꭵꭶꭷꭸꭹꭺꭻꭼꭽꭾꭿꮀꮁꮂꮃꮄꮅꮆꮇꮈꮉꮊꮋꮌꮍꮎꮏꮐꮑꮒꮓꮔꮕꮖꮗꮘꮙꮚꮛꮜꮝꮞꮟꮠꮡꮢꮣꮤꮥꮦꮧꮨꮩꮪꮫꮬꮭꮮꮯꮰꮱꮲꮳꮴꮵꮶꮷꮸꮹꮺꮻꮼꮽꮾꮿ', 'μsισβθφπκρεᏰᏱᏲᏳᏴᏵвдосттъѣꙋṡιᎠᎡᎢᎣᎤᎥᎦᎧᎨᎩᎪᎫᎬᎭᎮᎯᎰᎱᎲᎳᎴᎵᎶᎷᎸᎹᎺᎻᎼᎽᎾᎿᏀᏁᏂᏃᏄᏅᏆᏇᏈᏉᏊᏋᏌᏍᏎᏏᏐᏑᏒᏓᏔᏕᏖᏗᏘᏙᏚᏛᏜᏝᏞᏟᏠᏡᏢᏣᏤᏥᏦᏧᏨᏩᏪᏫᏬᏭᏮᏯ'), 'ß', 'ss'), 'ŉ', 'ʼn'), 'ǰ', 'ǰ'), 'ΐ', 'ΐ'), 'ΰ', 'ΰ'), 'և', 'եւ'), 'ẖ', 'ẖ'), 'ẗ', 'ẗ'), 'ẘ', 'ẘ'), 'ẙ', 'ẙ'), 'ẚ', 'aʾ'), 'ὐ', 'ὐ'), 'ὒ', 'ὒ'), 'ὔ', 'ὔ'), 'ὖ', 'ὖ'), 'ᾀ', 'ἀι'), 'ᾁ', 'ἁι'), 'ᾂ', 'ἂι'), 'ᾃ', 'ἃι'), 'ᾄ', 'ἄι'), 'ᾅ', 'ἅι'), 'ᾆ', 'ἆι'), 'ᾇ', 'ἇι'), 'ᾐ', 'ἠι'), 'ᾑ', 'ἡι'), 'ᾒ', 'ἢι'), 'ᾓ', 'ἣι'), 'ᾔ', 'ἤι'), 'ᾕ', 'ἥι'), 'ᾖ', 'ἦι'), 'ᾗ', 'ἧι'), 'ᾠ', 'ὠι'), 'ᾡ', 'ὡι'), 'ᾢ', 'ὢι'), 'ᾣ', 'ὣι'), 'ᾤ', 'ὤι'), 'ᾥ', 'ὥι'), 'ᾦ', 'ὦι'), 'ᾧ', 'ὧι'), 'ᾲ', 'ὰι'), 'ᾳ', 'αι'), 'ᾴ', 'άι'), 'ᾶ', 'ᾶ'), 'ᾷ', 'ᾶι'), 'ῂ', 'ὴι'), 'ῃ', 'ηι'), 'ῄ', 'ήι'), 'ῆ', 'ῆ'), 'ῇ', 'ῆι'), 'ῒ', 'ῒ'), 'ΐ', 'ΐ'), 'ῖ', 'ῖ'), 'ῗ', 'ῗ'), 'ῢ', 'ῢ'), 'ΰ', 'ΰ'), 'ῤ', 'ῤ'), 'ῦ', 'ῦ'), 'ῧ', 'ῧ'), 'ῲ', 'ὼι'), 'ῳ', 'ωι'), 'ῴ', 'ώι'), 'ῶ', 'ῶ'), 'ῷ', 'ῶι'), 'ﬀ', 'ff'), 'ﬁ', 'fi'), 'ﬂ', 'fl'), 'ﬃ', 'ffi'), 'ﬄ', 'ffl'), 'ﬅ', 'st'), 'ﬆ', 'st'), 'ﬓ', 'մն'), 'ﬔ', 'մե'), 'ﬕ', 'մի'), 'ﬖ', 'վն'), 'ﬗ', 'մխ')) IN ('health care services', 'managed health care', 'health care technology') AS `icp_c_services`,
    (CASE WHEN LENGTH(CAST(`t`.`founded_year` AS STRING)) <= 100 AND REGEXP_CONTAINS(CAST(`t`.`founded_year` AS STRING), '^[0-9]+([.][0-9]+)?$') THEN CAST(CAST(`t`.`founded_year` AS STRING) AS FLOAT64) WHEN LENGTH(CAST(`t`.`founded_year` AS STRING)) <= 100 AND REGEXP_CONTAINS(CAST(`t`.`founded_year` AS STRING), '^[ \t\n\r\v\f]*[-+]?[ \t\n\r\v\f]*[$€£¥]?[ \t\n\r\v\f]*([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]+)?[ \t\n\r\v\f]*[A-Za-z]*[ \t\n\r\v\f]*$') THEN CAST(CASE WHEN INSTR(CAST(`t`.`founded_year` AS STRING), '-') > 0 THEN '-' ELSE '' END || TRANSLATE(CAST(`t`.`founded_year` AS STRING), ' \t\n\r\v\f+-$€£¥,abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', '') || 'e' || CASE LOWER(TRANSLATE(CAST(`t`.`founded_year` AS STRING), ' \t\n\r\v\f+-$€£¥,.0123456789', '')) WHEN '' THEN '0' WHEN 'k' THEN '3' WHEN 'thousand' THEN '3' WHEN 'm' THEN '6' WHEN 'mm' THEN '6' WHEN 'mn' THEN '6' WHEN 'mio' THEN '6' WHEN 'million' THEN '6' WHEN 'millions' THEN '6' WHEN 'b' THEN '9' WHEN 'bn' THEN '9' WHEN 'billion' THEN '9' WHEN 'billions' THEN '9' WHEN 't' THEN '12' WHEN 'tn' THEN '12' WHEN 'trillion' THEN '12' END AS FLOAT64) END) >= CAST('1970.0' AS FLOAT64) AS `icp_c_modern`
  FROM `accounts` AS t
) AS r
