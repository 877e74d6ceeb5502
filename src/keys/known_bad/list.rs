//! The fingerprints, computed once with `ssh-keygen -l` from the public
//! keys of github:rapid7/ssh-badkeys (commit cd6f864, 2025-02-13) and of
//! github:hashicorp/vagrant keys/ (commit 35f3160). Sorted by fingerprint
//! (byte order), so that [`super::lookup`] can search them by halves.
//!
//! Each row: (`SHA256:` fingerprint, what the key is, where it is published).

pub(super) const KNOWN_BAD: &[(&str, &str, &str)] = &[
    (
        "SHA256:+LQ1rkRWS3U5xJbzlCGyuiOoqsfkU3z8sveqU28bOjg",
        "Ont g4020w shared RSA host key",
        "rapid7/ssh-badkeys host/Ont_g4020w_rsa.pub",
    ),
    (
        "SHA256:/JLp6z6uGE3BPcs70RQob6QOdEWQ6nDC0xY7ejPOCc0",
        "Array Networks vAPV/vxAG built-in login key",
        "rapid7/ssh-badkeys authorized/array-networks-vapv-vxag.pub",
    ),
    (
        "SHA256:/rr9hHdFl2699bf+yo5oERj1wds/JKyOrHi8txBuEQs",
        "Moxa ia240 shared DSA host key",
        "rapid7/ssh-badkeys host/Moxa_ia240_dsa.pub",
    ),
    (
        "SHA256:0RCgva9fjvPn6TkN89hkVQHIpHkKfvfsGmYtnOgki0g",
        "Quanta LTE router shared RSA host key",
        "rapid7/ssh-badkeys host/Quanta_LTE.pub",
    ),
    (
        "SHA256:1M4RzhMyWuFS/86uPY/ce2prh/dVTHW7iD2RhpquOZA",
        "Vagrant insecure RSA key",
        "hashicorp/vagrant keys/vagrant.pub.rsa (also rapid7/ssh-badkeys authorized/vagrant-default.pub)",
    ),
    (
        "SHA256:1T/tv+kuYxJkYpiCsuhb/SE8pLB7gkzTH43h/LjQ3cs",
        "Ubee EVW3226 shared RSA host key",
        "rapid7/ssh-badkeys host/EVW3226_rsa.pub",
    ),
    (
        "SHA256:4REJomy/ZbGbLVcbZzR/i6CQuzF+EI6DMvu/lHCxh4M",
        "Kali Linux Raspberry Pi 2 image shared RSA host key",
        "rapid7/ssh-badkeys host/kali-rpi2.pub",
    ),
    (
        "SHA256:8XeiIuMMG6jRFYywuXqJZiLHIFcWoWN0yXR+fYCoy9A",
        "Cisco rtp300 shared DSA host key",
        "rapid7/ssh-badkeys host/Cisco_rtp300_dsa.pub",
    ),
    (
        "SHA256:9OC9c6oQKFimmPITx++YZ7AbfmZcDAmlhUP/u84wQJQ",
        "Cisco rv120w shared DSA host key",
        "rapid7/ssh-badkeys host/Cisco_rv120w_dsa.pub",
    ),
    (
        "SHA256:9prMbqhS4QteoFQ1ZRJDqSBLWoHXPyKB0iWR05Ghro4",
        "F5 BIG-IP built-in login key (CVE-2012-1493)",
        "rapid7/ssh-badkeys authorized/f5-bigip-cve-2012-1493.pub",
    ),
    (
        "SHA256:AKABay46vBa2bhMYZU2V/z5uqlAUXcuBTxMkW4MHd9s",
        "Westermo MRD310 shared RSA host key",
        "rapid7/ssh-badkeys host/Westermo_MRD310_rsa.pub",
    ),
    (
        "SHA256:AogxJW7+Yzu2/Xe2IYAf6VaWRJTBlan754aruVaqp0Q",
        "Huawei bm626 shared RSA host key",
        "rapid7/ssh-badkeys host/Huawei_bm626_rsa.pub",
    ),
    (
        "SHA256:BHnRC+5WxXWTFjmXxUq/2PLljU8/X9bbcpiNEEk1xG0",
        "Trendnet tew715apo shared RSA host key",
        "rapid7/ssh-badkeys host/Trendnet_tew715apo_rsa.pub",
    ),
    (
        "SHA256:BpW4vxx4JMfXNh6PPa9w80x6YsDa7OZ1LcBCRwYJM/g",
        "Comtrend AR5387UN shared RSA host key",
        "rapid7/ssh-badkeys host/Comtrend_AR5387UN_rsa.pub",
    ),
    (
        "SHA256:BuCSIg4STeG8QYS8dKSXGCQWpHB/Pe7FDRF3WpseB9E",
        "Edimax AR-7167 shared RSA host key",
        "rapid7/ssh-badkeys host/Edimax_AR-7167_rsa.pub",
    ),
    (
        "SHA256:CJ/U/F9xf4ngDgjZL2+OPBoSGZ7gEU18oCjVWPL0qqE",
        "Zyxel p870h shared RSA host key",
        "rapid7/ssh-badkeys host/Zyxel_p870h_rsa.pub",
    ),
    (
        "SHA256:F9KYIspH9Bhy0ohvvWPEgP5HeCUIeZZ5pA+8Xu2Eky8",
        "Alice 1121 shared RSA host key",
        "rapid7/ssh-badkeys host/Alice_1121_rsa.pub",
    ),
    (
        "SHA256:Gh0eIu1Aym/yqjFYOrnTBfhYI7b++0NQIvkjwsGfFvI",
        "ZyXEL VMG1312 shared RSA host key",
        "rapid7/ssh-badkeys host/zyxel-vmg1312_rsa.pub",
    ),
    (
        "SHA256:HCKmculX8PrmEXYtnKn3xMnHdnHC/A7+gceWmZNnq0A",
        "Moovbox shared RSA host key",
        "rapid7/ssh-badkeys host/moovbox_host_rsa.pub",
    ),
    (
        "SHA256:HL7HchiArMmCJAyWCYJaL7NRsOkLi+5uzgeTYNp5za4",
        "Pace V5542 shared DSA host key",
        "rapid7/ssh-badkeys host/Pace_V5542_dsa.pub",
    ),
    (
        "SHA256:HboyXnlo62NK5QYnTXT8/rKywPHrSoyvVfKMQIaPnKc",
        "Sagemcom 2740 shared RSA host key",
        "rapid7/ssh-badkeys host/Sagemcom_2740_rsa.pub",
    ),
    (
        "SHA256:IO79IWaJRJC8/ZM2PfpsxzkpOk4+RY0pqbWt0v95hPg",
        "Moxa ia240 shared RSA host key",
        "rapid7/ssh-badkeys host/Moxa_ia240_rsa.pub",
    ),
    (
        "SHA256:K0ibBdrSRO4qBHLntPb+cg8HXdxceUMYztFDPw6kCH0",
        "Trendnet tew715apo shared DSA host key",
        "rapid7/ssh-badkeys host/Trendnet_tew715apo_dsa.pub",
    ),
    (
        "SHA256:KI1opHyhNi8e6cj1kBs2K5TuPj6NE5+8o6hcsQjKSY8",
        "Cisco rtp300 shared RSA host key",
        "rapid7/ssh-badkeys host/Cisco_rtp300_rsa.pub",
    ),
    (
        "SHA256:Kdko2iZS8DAI8ZEYEhlWJOEoJ3J1FVoKIThHuKPxXy8",
        "Trendnet tew816drm shared RSA host key",
        "rapid7/ssh-badkeys host/Trendnet_tew816drm_rsa.pub",
    ),
    (
        "SHA256:Lb30DJg8YvCnhbVVhw6k/WRtxXKN8+4TVZVQQhDVD7U",
        "Trendnet tdmc500 shared RSA host key",
        "rapid7/ssh-badkeys host/Trendnet_tdmc500_rsa.pub",
    ),
    (
        "SHA256:Lcl4dCjOz4H377asQgXNBK+kjKgD/RNMVZk0aMh5iYE",
        "Cisco rv120w shared RSA host key",
        "rapid7/ssh-badkeys host/Cisco_rv120w_rsa.pub",
    ),
    (
        "SHA256:MAQzAYCHIdlpbeld30qcnjU5nVRp42GNVft2YwaJdY0",
        "Tplink w8950n shared RSA host key",
        "rapid7/ssh-badkeys host/Tplink_w8950n_rsa.pub",
    ),
    (
        "SHA256:MEc4HfsOlMqJ3/9QMTmrKn5Xj/yfnMITMW8EwfUfTww",
        "Loadbalancer.org Enterprise VA built-in login key",
        "rapid7/ssh-badkeys authorized/loadbalancer.org-enterprise-va.pub",
    ),
    (
        "SHA256:MQXcP/tTXWJKfrytgQwPZgJyAt0WqdZTjRJ9qBeHQl8",
        "Tplink tdw8960n-V1 shared RSA host key",
        "rapid7/ssh-badkeys host/Tplink_tdw8960n-V1_rsa.pub",
    ),
    (
        "SHA256:RPT99EeL7WwwWvtuzjRJmLQT2DL4zEh8WG/VxUQZhIg",
        "Cisco RV315W shared RSA host key",
        "rapid7/ssh-badkeys host/Cisco_RV315W_rsa.pub",
    ),
    (
        "SHA256:TC9ANa1Feew8aA+jxSk0X2V8V7e7fpSrYyL3MXdU7cA",
        "Seagate GoFlex shared DSA host key",
        "rapid7/ssh-badkeys host/Seagate_GoFlex_dsa.pub",
    ),
    (
        "SHA256:VtjqZ5fiaeoZ3mXOYi49Lk9aO31iT4pahKFP9JPiQPc",
        "Quantum DXi V1000 built-in login key",
        "rapid7/ssh-badkeys authorized/quantum-dxi-v1000.pub",
    ),
    (
        "SHA256:WkvqjnyPAeC0cbPErYiGP9vqHdgL1MqqvPdIe3lvHgI",
        "Vagrant insecure Ed25519 key",
        "hashicorp/vagrant keys/vagrant.pub.ed25519",
    ),
    (
        "SHA256:WtRSB8XG5R0LFE1KvRKV7sa2pTCQBpbVm8W7QLbCb5A",
        "Seagate GoFlex shared RSA host key",
        "rapid7/ssh-badkeys host/Seagate_GoFlex_rsa.pub",
    ),
    (
        "SHA256:XOWiL0SiIchHnl1UAGqSwR+jwxBPM9ihiBg06Pk0yHg",
        "Zyxel sbg3300 shared RSA host key",
        "rapid7/ssh-badkeys host/Zyxel_sbg3300_rsa.pub",
    ),
    (
        "SHA256:Z+q4XhSwWY7q0BIDVPR1v/S306FjGBsid7tLq/8kIxM",
        "Ceragon FibeAir IP-10 built-in login key (CVE-2015-0936)",
        "rapid7/ssh-badkeys authorized/ceragon-fibeair-cve-2015-0936.pub",
    ),
    (
        "SHA256:aKZMxi51eXUYwJRXJ01Jy+iL6QLyhFUaMOG0cSSKJYc",
        "ZyXEL Q100 shared RSA host key",
        "rapid7/ssh-badkeys host/zyxel-q100_rsa.pub",
    ),
    (
        "SHA256:aPoYT2nPIfhqv6BIlbCCpbDjirBxaDFOtPfZ2K20uWw",
        "Monroe Electronics DASDEC built-in login key (CVE-2013-0137)",
        "rapid7/ssh-badkeys authorized/monroe-dasdec-cve-2013-0137.pub",
    ),
    (
        "SHA256:b4/5uEu8KsFn19ujuzOxxum/zf1lO9apXgJYQHMVwqk",
        "Trendnet tvip310pi shared DSA host key",
        "rapid7/ssh-badkeys host/Trendnet_tvip310pi_dsa.pub",
    ),
    (
        "SHA256:csFEfFe32uUoWQLco1YyjRQqpuy1pluZFFvK/Lo1EJo",
        "Moxa 6150 shared RSA host key",
        "rapid7/ssh-badkeys host/Moxa_6150_rsa.pub",
    ),
    (
        "SHA256:d7Bv1O73pvsg7+XusOpsZ6edG3FBQ9KudBiNDBNKJHU",
        "Moovbox shared DSA host key",
        "rapid7/ssh-badkeys host/moovbox_host_dsa.pub",
    ),
    (
        "SHA256:dwjhp1334uoka9DL7ehVPgU7PtZVAPmF0e0xbryla1E",
        "Westermo MRD310 shared DSA host key",
        "rapid7/ssh-badkeys host/Westermo_MRD310_dsa.pub",
    ),
    (
        "SHA256:fKki+o9MyIk8XUThmRfoejJudcef7mGvkooMCBLyqCM",
        "Advantech EKI shared RSA host key",
        "rapid7/ssh-badkeys host/advantech_eki_rsa.pub",
    ),
    (
        "SHA256:gIJVV2fPBgDqCqTr/+m8B9Hh2KOPvxVoTCM1p6hBwdE",
        "Linksys X1000 shared RSA host key",
        "rapid7/ssh-badkeys host/Linksys_X1000_rsa.pub",
    ),
    (
        "SHA256:h1gD8T017XJ19NjY3wD9Vob81jHYUJubf2M23KLU7OU",
        "Sagemcom sx682 shared DSA host key",
        "rapid7/ssh-badkeys host/Sagemcom_sx682_dsa.pub",
    ),
    (
        "SHA256:iEYIZLsY3MtHzshoEMMdokU6JL6ilrp12zdZpzSf/hs",
        "Tplink w8950nd shared RSA host key",
        "rapid7/ssh-badkeys host/Tplink_w8950nd_rsa.pub",
    ),
    (
        "SHA256:jkhZ6rCXQMeFOi5A3nYfHXLxYCbGhYSenmSPXZ4nZc8",
        "Trendnet tew816drm shared DSA host key",
        "rapid7/ssh-badkeys host/Trendnet_tew816drm_dsa.pub",
    ),
    (
        "SHA256:kTEn/MpGqbKcbRbBzhdthwzf1MZGExI4gVWaf9gNbA4",
        "Trendnet tvip310pi shared RSA host key",
        "rapid7/ssh-badkeys host/Trendnet_tvip310pi_rsa.pub",
    ),
    (
        "SHA256:lS3HDtLKk215ScnBSvCMqPKyiF9mvP0o3XG7bJXPHIg",
        "Cisco RV315W shared DSA host key",
        "rapid7/ssh-badkeys host/Cisco_RV315W_dsa.pub",
    ),
    (
        "SHA256:m714YoMFjzLJdHQbu7sRH96Bxo8TzmuAbFqBjUAhECI",
        "Innacomm w3400v shared RSA host key",
        "rapid7/ssh-badkeys host/Innacomm_w3400v_rsa.pub",
    ),
    (
        "SHA256:mzY0RSkZv3Rz5pSZcucTACZEhLko2ahTG2HhkiymQNA",
        "Telefonica de Espana router shared RSA host key",
        "rapid7/ssh-badkeys host/Telefonica-de-Espana_rsa.pub",
    ),
    (
        "SHA256:r0k4QauOKllur1qQApKhU4Vtg8YEkDNS/6TlOulsSKM",
        "Huawei bm626 shared DSA host key",
        "rapid7/ssh-badkeys host/Huawei_bm626_dsa.pub",
    ),
    (
        "SHA256:rGJYhJYrTK6yceV/v20fJCO+FTu8rlECNH3WHqcGQGI",
        "Zyxel pmg1006 shared DSA host key",
        "rapid7/ssh-badkeys host/Zyxel_pmg1006_dsa.pub",
    ),
    (
        "SHA256:s5Qw/PocHrvXYHlxaQvSI8lodaJiuCZrTp+KjEUw0tc",
        "Actiontec q2000 shared RSA host key",
        "rapid7/ssh-badkeys host/Actiontec_q2000_rsa.pub",
    ),
    (
        "SHA256:uy5wXyEgbRCGsk23+J6f85om7G55Cu3UIPwC7oMZhNQ",
        "ExaGrid backup appliance built-in login key (CVE-2016-1561)",
        "rapid7/ssh-badkeys authorized/exagrid-cve-2016-1561.key (its public half: the .pub file there is cut short)",
    ),
    (
        "SHA256:v4+GWcG3ffxI72Au29EPundqWtdVVHaRwYffOKqYslw",
        "Zhone 6512a1 shared RSA host key",
        "rapid7/ssh-badkeys host/Zhone_6512a1_rsa.pub",
    ),
    (
        "SHA256:vmpX3e8939kGt/oufoQQqbJBnC07xxcVQSZaTHGBE84",
        "Edimax AR-7167 shared DSA host key",
        "rapid7/ssh-badkeys host/Edimax_AR-7167_dsa.pub",
    ),
    (
        "SHA256:whDP3xjKBEettbDuecxtGsfWBST+78gb6McdB9P7jCU",
        "Barracuda Load Balancer VM built-in login key (CVE-2014-8428)",
        "rapid7/ssh-badkeys authorized/barracuda_load_balancer_vm.pub",
    ),
    (
        "SHA256:wuCw9eo7BPNjjv7e8qmXryjpZ9MGspIwmu8KoSH/Tis",
        "Tandberg VCS (CVE-2009-4510) shared DSA host key",
        "rapid7/ssh-badkeys host/tandberg-vcs.pub",
    ),
    (
        "SHA256:z7xWJ0J6BW3zXhBrdcz0Pi9U88TfSQY/zdPYeyPbxyA",
        "Zyxel pmg1006 shared RSA host key",
        "rapid7/ssh-badkeys host/Zyxel_pmg1006_rsa.pub",
    ),
    (
        "SHA256:zaEfS0zzZ4DyGf0BjXPPkEi+6puzJs73EkbEm3XSSqU",
        "Zyxel fsg2200 shared RSA host key",
        "rapid7/ssh-badkeys host/Zyxel_fsg2200_rsa.pub",
    ),
];
