/**
 * Merchant category codes (MCC, 商户类别码) as used in China acquiring, with the China UnionPay
 * pricing class each falls in and a risk class for onboarding and monitoring.
 *
 * Codes and names follow the UnionPay merchant category code table (Q/CUP 004, built on ISO 18245,
 * with a few codes of its own: 4458, 5398, 5998, 7013). The pricing classes are those of the
 * 2013 bank-card fee schedule (发改价格〔2013〕66号) that acquirers still use to group merchants and
 * price rate plans:
 *  - 餐娱类 dining and entertainment: restaurants, hotels, entertainment, jewellery and precious
 *    metals, arts and crafts, antiques
 *  - 房产汽车类 real estate and motor vehicles (also pawn): capped per transaction
 *  - 批发类 wholesale: capped per transaction
 *  - 一般类 general: retail, services, travel, training, telecom …
 *  - 民生类 essentials: supermarkets and warehouse stores, utilities, fuel, transport tickets
 *  - 公益类 public welfare: public hospitals and schools, charities, government and tax payments
 *
 * riskClass is this platform's starting point for the risk score (PRODUCT.md §1, 信用评估), not a
 * scheme rule: high for cash-like and gambling-adjacent categories, jewellery, precious metals,
 * art and antiques (money-laundering exposure), telemarketing and prepaid value.
 */

export type MccCategory = '餐娱类' | '房产汽车类' | '批发类' | '一般类' | '民生类' | '公益类';
export type MccRiskClass = 'low' | 'medium' | 'high';

export interface Mcc {
  code: string;
  zh: string;
  en: string;
  category: MccCategory;
  riskClass: MccRiskClass;
}

/** The pricing classes in the order of their standard rates, highest first. */
export const MCC_CATEGORIES: readonly { category: MccCategory; en: string; description: string }[] = [
  { category: '餐娱类', en: 'Dining & entertainment', description: '餐饮、宾馆、娱乐、珠宝金饰、工艺美术品' },
  {
    category: '房产汽车类',
    en: 'Real estate & motor vehicles',
    description: '房地产、汽车销售、典当（单笔封顶）',
  },
  { category: '批发类', en: 'Wholesale', description: '批发（单笔封顶）' },
  { category: '一般类', en: 'General', description: '百货、零售、中介服务、社会培训、旅行社及景区门票等' },
  {
    category: '民生类',
    en: 'Essentials & utilities',
    description: '超市、大型仓储式卖场、水电煤气缴费、加油、交通运输售票',
  },
  { category: '公益类', en: 'Public welfare', description: '公立医院、公立学校、慈善、政府服务及缴税' },
];

type Row = readonly [code: string, zh: string, en: string, category: MccCategory, riskClass: MccRiskClass];

// biome-ignore format: one code a line reads as the table it is
const rows: readonly Row[] = [
  // 餐娱类 — dining, lodging, entertainment
  ['5811', '包办伙食、宴会承包商', 'Caterers', '餐娱类', 'low'],
  ['5812', '就餐场所和餐馆', 'Eating places and restaurants', '餐娱类', 'low'],
  ['5813', '饮酒场所（酒吧、酒馆、夜总会、鸡尾酒大厅、迪斯科舞厅）', 'Drinking places (bars, taverns, nightclubs, cocktail lounges, discotheques)', '餐娱类', 'medium'],
  ['5814', '快餐店', 'Fast food restaurants', '餐娱类', 'low'],
  ['7011', '住宿服务（旅馆、酒店、汽车旅馆、度假村等）', 'Lodging: hotels, motels, resorts', '餐娱类', 'low'],
  ['7012', '分时使用的别墅或度假用房', 'Timeshares', '餐娱类', 'medium'],
  ['7032', '运动和娱乐露营地', 'Sporting and recreational camps', '餐娱类', 'low'],
  ['7033', '活动房车场及露营场所', 'Trailer parks and campgrounds', '餐娱类', 'low'],
  ['7297', '按摩店', 'Massage parlours', '餐娱类', 'high'],
  ['7298', '保健及美容 SPA', 'Health and beauty spas', '餐娱类', 'medium'],
  ['7829', '电影和录像创作、发行', 'Motion picture and video tape production and distribution', '餐娱类', 'low'],
  ['7832', '电影院', 'Motion picture theatres', '餐娱类', 'low'],
  ['7911', '歌舞厅、KTV', 'Dance halls, studios and schools', '餐娱类', 'medium'],
  ['7922', '戏剧制片（不含电影）、演出和票务', 'Theatrical producers (except motion pictures) and ticket agencies', '餐娱类', 'low'],
  ['7929', '未列入其他代码的乐队、文艺表演', 'Bands, orchestras and miscellaneous entertainers', '餐娱类', 'low'],
  ['7932', '台球、撞球场所', 'Billiard and pool establishments', '餐娱类', 'low'],
  ['7933', '保龄球馆', 'Bowling alleys', '餐娱类', 'low'],
  ['7941', '商业体育场馆、职业体育俱乐部、运动场和体育推广公司', 'Commercial sports, professional sports clubs, athletic fields and sports promoters', '餐娱类', 'low'],
  ['7992', '公共高尔夫球场', 'Public golf courses', '餐娱类', 'medium'],
  ['7993', '电子游戏供给', 'Video amusement game supplies', '餐娱类', 'medium'],
  ['7994', '大型游戏机和游戏场所', 'Video game arcades and establishments', '餐娱类', 'high'],
  ['7995', '彩票销售及博彩', 'Betting, including lottery tickets', '餐娱类', 'high'],
  ['7996', '游乐园、马戏团、嘉年华、占卜', 'Amusement parks, circuses, carnivals and fortune tellers', '餐娱类', 'low'],
  ['7997', '会员俱乐部（体育、娱乐、运动等）、乡村俱乐部以及私人高尔夫球场', 'Membership clubs (sports, recreation, athletic), country clubs and private golf courses', '餐娱类', 'medium'],
  ['7998', '水族馆、海洋馆和海豚馆', 'Aquariums, seaquariums and dolphinariums', '餐娱类', 'low'],
  ['7999', '未列入其他代码的娱乐服务', 'Recreation services not elsewhere classified', '餐娱类', 'medium'],
  // 餐娱类 — jewellery, precious metals, arts and crafts, antiques
  ['5094', '贵重珠宝、首饰、钟表零售', 'Precious stones and metals, watches and jewellery', '餐娱类', 'high'],
  ['5932', '古玩店——出售、维修及还原', 'Antique shops: sales, repairs and restoration', '餐娱类', 'high'],
  ['5937', '古玩复制店', 'Antique reproductions', '餐娱类', 'medium'],
  ['5944', '珠宝、钟表和银器商店', 'Jewellery, watch, clock and silverware stores', '餐娱类', 'high'],
  ['5950', '玻璃器皿和水晶饰品店', 'Glassware and crystal stores', '餐娱类', 'low'],
  ['5970', '工艺美术商店', "Artist's supply and craft shops", '餐娱类', 'medium'],
  ['5971', '艺术商和画廊', 'Art dealers and galleries', '餐娱类', 'high'],
  ['5972', '邮票和钱币商店', 'Stamp and coin stores', '餐娱类', 'high'],
  ['7631', '手表、钟表和首饰维修店', 'Watch, clock and jewellery repair', '餐娱类', 'medium'],

  // 房产汽车类 — real estate, vehicles, pawn
  ['1520', '一般承包商——住宅与商业楼', 'General contractors: residential and commercial buildings', '房产汽车类', 'medium'],
  ['5271', '活动房车销售商', 'Mobile home dealers', '房产汽车类', 'medium'],
  ['5511', '汽车货车经销商——新旧车的销售、服务、维修、零件及出租', 'Car and truck dealers (new and used): sales, service, repairs, parts and leasing', '房产汽车类', 'medium'],
  ['5521', '汽车货车经销商——专门从事旧车的销售、服务、维修、零件及出租', 'Car and truck dealers (used only): sales, service, repairs, parts and leasing', '房产汽车类', 'medium'],
  ['5551', '船只销售商', 'Boat dealers', '房产汽车类', 'medium'],
  ['5561', '旅行拖车、娱乐用车销售商', 'Camper, recreational and utility trailer dealers', '房产汽车类', 'medium'],
  ['5571', '摩托车商店和经销商', 'Motorcycle shops and dealers', '房产汽车类', 'medium'],
  ['5592', '露营、房车销售商', 'Motor home dealers', '房产汽车类', 'medium'],
  ['5598', '雪车商', 'Snowmobile dealers', '房产汽车类', 'medium'],
  ['5599', '汽车、飞行器、农用机车综合经营商', 'Miscellaneous automotive, aircraft and farm equipment dealers', '房产汽车类', 'medium'],
  ['5933', '当铺', 'Pawn shops', '房产汽车类', 'high'],
  ['6513', '不动产代理及管理——房屋出租、物业管理', 'Real estate agents and managers: rentals and property management', '房产汽车类', 'medium'],
  ['7013', '不动产代理——房地产经纪', 'Real estate brokerage (China-specific)', '房产汽车类', 'medium'],

  // 批发类 — wholesale
  ['4458', '烟草配送', 'Tobacco distribution (China-specific)', '批发类', 'medium'],
  ['5013', '机动车供应及零配件（批发商）', 'Motor vehicle supplies and new parts (wholesale)', '批发类', 'medium'],
  ['5021', '办公及商务家具（批发商）', 'Office and commercial furniture (wholesale)', '批发类', 'medium'],
  ['5039', '未列入其他代码的建材批发（批发商）', 'Construction materials not elsewhere classified (wholesale)', '批发类', 'medium'],
  ['5044', '办公、影印及微缩摄影器材（批发商）', 'Office, photographic, photocopy and microfilm equipment (wholesale)', '批发类', 'medium'],
  ['5045', '计算机、计算机外围设备（批发商）', 'Computers, peripheral equipment and software (wholesale)', '批发类', 'medium'],
  ['5046', '未列入其他代码的商用器材（批发商）', 'Commercial equipment not elsewhere classified (wholesale)', '批发类', 'medium'],
  ['5047', '牙科/实验室/医疗/眼科医院器材和用品（批发商）', 'Dental, laboratory, medical and ophthalmic hospital equipment and supplies (wholesale)', '批发类', 'medium'],
  ['5051', '金属产品服务商和公司（批发商）', 'Metal service centres and offices (wholesale)', '批发类', 'medium'],
  ['5065', '电器零件和设备（批发商）', 'Electrical parts and equipment (wholesale)', '批发类', 'medium'],
  ['5072', '五金器材及用品（批发商）', 'Hardware equipment and supplies (wholesale)', '批发类', 'medium'],
  ['5074', '管道和供暖设备（批发商）', 'Plumbing and heating equipment and supplies (wholesale)', '批发类', 'medium'],
  ['5085', '工业设备和制成品（批发商）', 'Industrial supplies not elsewhere classified (wholesale)', '批发类', 'medium'],
  ['5099', '未列入其他代码的耐用品（批发商）', 'Durable goods not elsewhere classified (wholesale)', '批发类', 'medium'],
  ['5111', '文具、办公用品、复印纸和书写纸（批发商）', 'Stationery, office supplies, printing and writing paper (wholesale)', '批发类', 'medium'],
  ['5122', '药品、药品经营者（批发商）', 'Drugs, drug proprietaries and druggist sundries (wholesale)', '批发类', 'medium'],
  ['5131', '布料、缝纫用品和其他纺织品（批发商）', 'Piece goods, notions and other dry goods (wholesale)', '批发类', 'medium'],
  ['5137', '男女及儿童制服和服装（批发商）', "Men's, women's and children's uniforms and commercial clothing (wholesale)", '批发类', 'medium'],
  ['5139', '鞋类（批发商）', 'Commercial footwear (wholesale)', '批发类', 'medium'],
  ['5169', '未列入其他代码的化工产品（批发商）', 'Chemicals and allied products not elsewhere classified (wholesale)', '批发类', 'medium'],
  ['5172', '石油及石油产品（批发商）', 'Petroleum and petroleum products (wholesale)', '批发类', 'medium'],
  ['5192', '书、期刊和报纸（批发商）', 'Books, periodicals and newspapers (wholesale)', '批发类', 'medium'],
  ['5193', '花木栽种用品、苗木和花卉（批发商）', "Florists' supplies, nursery stock and flowers (wholesale)", '批发类', 'medium'],
  ['5198', '油漆、清漆用品（批发商）', 'Paints, varnishes and supplies (wholesale)', '批发类', 'medium'],
  ['5199', '未列入其他代码的非耐用品（批发商）', 'Nondurable goods not elsewhere classified (wholesale)', '批发类', 'medium'],
  ['5398', '大型企业批发', 'Large enterprise wholesale (China-specific)', '批发类', 'medium'],
  ['5998', '其他批发商', 'Other wholesale (China-specific)', '批发类', 'medium'],

  // 民生类 — essentials
  ['4111', '本市和市郊通勤旅客运输（包括轮渡）', 'Local and suburban commuter passenger transport, including ferries', '民生类', 'low'],
  ['4112', '铁路客运', 'Passenger railways', '民生类', 'low'],
  ['4121', '出租车服务', 'Taxicabs and limousines', '民生类', 'low'],
  ['4131', '长途公路客运', 'Bus lines', '民生类', 'low'],
  ['4511', '航空公司', 'Airlines and air carriers', '民生类', 'medium'],
  ['4784', '路桥通行费', 'Tolls and bridge fees', '民生类', 'low'],
  ['4900', '公共事业（电力、煤气、自来水、清洁服务）', 'Utilities: electric, gas, water and sanitary', '民生类', 'low'],
  ['5300', '会员制批量零售店（大型仓储式卖场）', 'Wholesale clubs (warehouse stores)', '民生类', 'low'],
  ['5411', '超级市场', 'Grocery stores and supermarkets', '民生类', 'low'],
  ['5541', '加油站、服务站', 'Service stations', '民生类', 'low'],
  ['5542', '自助加油站', 'Automated fuel dispensers', '民生类', 'low'],

  // 公益类 — public welfare and government
  ['8062', '公立医院', 'Hospitals', '公益类', 'low'],
  ['8211', '中小学校（公立）', 'Elementary and secondary schools', '公益类', 'low'],
  ['8220', '普通高校（公立）', 'Colleges, universities, professional schools and junior colleges', '公益类', 'low'],
  ['8398', '慈善和社会公益服务组织', 'Charitable and social service organisations', '公益类', 'low'],
  ['8661', '宗教组织', 'Religious organisations', '公益类', 'low'],
  ['9211', '法庭费用', 'Court costs, including alimony and child support', '公益类', 'low'],
  ['9222', '罚款', 'Fines', '公益类', 'low'],
  ['9223', '保释金', 'Bail and bond payments', '公益类', 'low'],
  ['9311', '纳税', 'Tax payments', '公益类', 'low'],
  ['9399', '未列入其他代码的政府服务（社会保障服务、国家强制）', 'Government services not elsewhere classified', '公益类', 'low'],
  ['9400', '使领馆收费', 'Embassy and consulate fees', '公益类', 'low'],
  ['9402', '邮政服务（仅限政府）', 'Postal services (government only)', '公益类', 'low'],

  // 一般类 — general: agriculture and contractors
  ['0742', '兽医服务', 'Veterinary services', '一般类', 'low'],
  ['0763', '农业合作', 'Agricultural co-operatives', '一般类', 'low'],
  ['0780', '景观美化及园艺服务', 'Landscaping and horticultural services', '一般类', 'low'],
  ['1711', '供暖、管道、空调承包商', 'Heating, plumbing and air-conditioning contractors', '一般类', 'low'],
  ['1731', '电气承包商', 'Electrical contractors', '一般类', 'low'],
  ['1740', '砖石、瓦、石膏和绝缘工程承包商', 'Masonry, stonework, tile-setting, plastering and insulation contractors', '一般类', 'low'],
  ['1750', '木工工程承包商', 'Carpentry contractors', '一般类', 'low'],
  ['1761', '屋顶、屋围、金属片安装工程承包商', 'Roofing, siding and sheet metal work contractors', '一般类', 'low'],
  ['1771', '混凝土工程承包商', 'Concrete work contractors', '一般类', 'low'],
  ['1799', '未列入其他代码的专项贸易承包商', 'Special trade contractors not elsewhere classified', '一般类', 'low'],
  ['2741', '各种出版和印刷服务', 'Miscellaneous publishing and printing', '一般类', 'low'],
  ['2791', '排版、刻版及相关服务', 'Typesetting, plate making and related services', '一般类', 'low'],
  ['2842', '清洁、抛光和卫生用品', 'Speciality cleaning, polishing and sanitation preparations', '一般类', 'low'],
  // 一般类 — transport, travel, telecom
  ['4214', '货物搬运和托运——当地和长途、搬家和仓储', 'Motor freight carriers and trucking: local and long distance, moving and storage', '一般类', 'low'],
  ['4215', '快递服务（空运、地面运输或海运）', 'Courier services: air and ground, freight forwarders', '一般类', 'low'],
  ['4225', '公共仓储', 'Public warehousing and storage', '一般类', 'low'],
  ['4411', '轮船及游轮', 'Steamship and cruise lines', '一般类', 'low'],
  ['4457', '出租船只', 'Boat rentals and leases', '一般类', 'low'],
  ['4468', '船舶、海运服务提供商', 'Marinas, marine service and supplies', '一般类', 'low'],
  ['4582', '机场、飞机场及航站楼', 'Airports, flying fields and airport terminals', '一般类', 'low'],
  ['4722', '旅行社和旅游服务', 'Travel agencies and tour operators', '一般类', 'medium'],
  ['4789', '未列入其他代码的运输服务', 'Transportation services not elsewhere classified', '一般类', 'low'],
  ['4812', '通讯设备和电话销售', 'Telecommunication equipment and telephone sales', '一般类', 'medium'],
  ['4814', '电信服务', 'Telecommunication services', '一般类', 'low'],
  ['4816', '计算机网络/信息服务', 'Computer network and information services', '一般类', 'medium'],
  ['4821', '电报服务', 'Telegraph services', '一般类', 'low'],
  ['4829', '电汇和汇票服务', 'Wire transfers and money orders', '一般类', 'high'],
  ['4899', '有线和其他付费电视服务', 'Cable, satellite and other pay television and radio services', '一般类', 'low'],
  // 一般类 — retail
  ['5200', '大型仓储式家庭用品卖场', 'Home supply warehouse stores', '一般类', 'low'],
  ['5211', '木材与建材商店', 'Lumber and building materials stores', '一般类', 'low'],
  ['5231', '玻璃、油漆涂料、墙纸零售', 'Glass, paint and wallpaper stores', '一般类', 'low'],
  ['5251', '五金商店', 'Hardware stores', '一般类', 'low'],
  ['5261', '草坪、花园用品商店', 'Nurseries and lawn and garden supply stores', '一般类', 'low'],
  ['5309', '免税商店', 'Duty free stores', '一般类', 'medium'],
  ['5310', '折扣商店', 'Discount stores', '一般类', 'low'],
  ['5311', '百货商店', 'Department stores', '一般类', 'low'],
  ['5331', '各类杂货店、便利店', 'Variety stores', '一般类', 'low'],
  ['5399', '其他综合零售', 'Miscellaneous general merchandise', '一般类', 'low'],
  ['5422', '各类肉类零售商', 'Freezer and locker meat provisioners', '一般类', 'low'],
  ['5441', '糖果及坚果商店', 'Candy, nut and confectionery stores', '一般类', 'low'],
  ['5451', '乳制品店、冷饮店', 'Dairy products stores', '一般类', 'low'],
  ['5462', '面包房、糕点商店', 'Bakeries', '一般类', 'low'],
  ['5499', '各类食品店及专门食品零售店', 'Miscellaneous food stores: convenience stores and speciality markets', '一般类', 'low'],
  ['5531', '汽车和家庭用品商店', 'Auto and home supply stores', '一般类', 'low'],
  ['5532', '汽车轮胎经销商', 'Automotive tyre stores', '一般类', 'low'],
  ['5533', '汽车零配件商店', 'Automotive parts and accessories stores', '一般类', 'low'],
  ['5611', '男子和男童服装及用品商店', "Men's and boys' clothing and accessories stores", '一般类', 'low'],
  ['5621', '妇女成衣商店', "Women's ready-to-wear stores", '一般类', 'low'],
  ['5631', '女性用品商店', "Women's accessory and speciality shops", '一般类', 'low'],
  ['5641', '婴儿、儿童服装店', "Children's and infants' wear stores", '一般类', 'low'],
  ['5651', '家庭服装商店', 'Family clothing stores', '一般类', 'low'],
  ['5655', '运动服饰商店', 'Sports and riding apparel stores', '一般类', 'low'],
  ['5661', '鞋店', 'Shoe stores', '一般类', 'low'],
  ['5681', '皮货店', 'Furriers and fur shops', '一般类', 'medium'],
  ['5691', '成人成衣店', "Men's and women's clothing stores", '一般类', 'low'],
  ['5697', '裁缝、修补、改衣店', 'Tailors, seamstresses, mending and alterations', '一般类', 'low'],
  ['5698', '假发商店', 'Wig and toupee stores', '一般类', 'low'],
  ['5699', '各类服装及饰物店', 'Miscellaneous apparel and accessory shops', '一般类', 'low'],
  ['5712', '家具、家庭摆设商店', 'Furniture, home furnishings and equipment stores', '一般类', 'low'],
  ['5713', '地板商店', 'Floor covering stores', '一般类', 'low'],
  ['5714', '帏帐、窗帘、室内装潢商店', 'Drapery, window covering and upholstery stores', '一般类', 'low'],
  ['5719', '各种家庭装饰专营店', 'Miscellaneous home furnishing speciality stores', '一般类', 'low'],
  ['5722', '家用电器商店', 'Household appliance stores', '一般类', 'low'],
  ['5732', '电子设备商店', 'Electronics stores', '一般类', 'medium'],
  ['5733', '音乐商店——乐器、钢琴、乐谱', 'Music stores: musical instruments, pianos and sheet music', '一般类', 'low'],
  ['5734', '计算机软件商店', 'Computer software stores', '一般类', 'low'],
  ['5735', '音像制品商店', 'Record stores', '一般类', 'low'],
  ['5912', '药房、药店', 'Drug stores and pharmacies', '一般类', 'low'],
  ['5921', '瓶装酒零售店', 'Package stores: beer, wine and liquor', '一般类', 'medium'],
  ['5931', '旧商品店、二手商品店', 'Used merchandise and second-hand stores', '一般类', 'medium'],
  ['5940', '自行车商店', 'Bicycle shops', '一般类', 'low'],
  ['5941', '体育用品店', 'Sporting goods stores', '一般类', 'low'],
  ['5942', '书店', 'Book stores', '一般类', 'low'],
  ['5943', '文具用品商店、各类办公用品商店', 'Stationery, office and school supply stores', '一般类', 'low'],
  ['5945', '玩具、游戏店', 'Hobby, toy and game shops', '一般类', 'low'],
  ['5946', '照相器材商店', 'Camera and photographic supply stores', '一般类', 'low'],
  ['5947', '礼品、卡片、装饰品、纪念品商店', 'Gift, card, novelty and souvenir shops', '一般类', 'low'],
  ['5948', '箱包、皮具店', 'Luggage and leather goods stores', '一般类', 'low'],
  ['5949', '纺织品及针织品零售', 'Sewing, needlework, fabric and piece goods stores', '一般类', 'low'],
  ['5973', '宗教物品商店', 'Religious goods stores', '一般类', 'low'],
  ['5975', '助听器——销售、服务和用品', 'Hearing aids: sales, service and supplies', '一般类', 'low'],
  ['5976', '假肢矫形器', 'Orthopaedic goods and prosthetic devices', '一般类', 'low'],
  ['5977', '化妆品商店', 'Cosmetic stores', '一般类', 'low'],
  ['5983', '燃料经销商——燃油、木材、煤炭和液化石油气', 'Fuel dealers: fuel oil, wood, coal and liquefied petroleum', '一般类', 'low'],
  ['5992', '花店', 'Florists', '一般类', 'low'],
  ['5993', '香烟、雪茄专卖店', 'Cigar stores and stands', '一般类', 'medium'],
  ['5994', '报亭、报摊', 'News dealers and newsstands', '一般类', 'low'],
  ['5995', '宠物商店、宠物食品及用品', 'Pet shops, pet food and supplies', '一般类', 'low'],
  ['5996', '游泳池——销售和服务', 'Swimming pools: sales and service', '一般类', 'low'],
  ['5997', '电动剃须刀商店——销售和服务', 'Electric razor stores: sales and service', '一般类', 'low'],
  ['5999', '其他专门零售店', 'Miscellaneous and speciality retail stores', '一般类', 'medium'],
  // 一般类 — direct marketing
  ['5960', '直销——保险直销', 'Direct marketing: insurance services', '一般类', 'medium'],
  ['5962', '直销——旅游相关服务', 'Direct marketing: travel-related arrangement services', '一般类', 'high'],
  ['5963', '门对门销售', 'Door-to-door sales', '一般类', 'medium'],
  ['5964', '直销——目录销售商户', 'Direct marketing: catalogue merchants', '一般类', 'medium'],
  ['5965', '直销——目录、零售兼营', 'Direct marketing: combination catalogue and retail merchants', '一般类', 'medium'],
  ['5966', '直销——电话营销（呼出）', 'Direct marketing: outbound telemarketing', '一般类', 'high'],
  ['5967', '直销——电话营销（呼入）', 'Direct marketing: inbound teleservices', '一般类', 'high'],
  ['5968', '直销——订阅服务', 'Direct marketing: continuity and subscription', '一般类', 'medium'],
  ['5969', '直销——其他', 'Direct marketing: other', '一般类', 'medium'],
  // 一般类 — financial
  ['6010', '金融机构——人工现金支付', 'Financial institutions: manual cash disbursements', '一般类', 'high'],
  ['6011', '金融机构——自动现金支付', 'Financial institutions: automated cash disbursements', '一般类', 'high'],
  ['6012', '金融机构——商品和服务', 'Financial institutions: merchandise and services', '一般类', 'high'],
  ['6051', '非金融机构——外币兑换、非电子转账的汇票、临时支付凭证和旅行支票', "Non-financial institutions: foreign currency, money orders and travellers' cheques", '一般类', 'high'],
  ['6211', '证券公司——经纪人和经销商', 'Security brokers and dealers', '一般类', 'high'],
  ['6300', '保险销售、保险业和保险金', 'Insurance sales, underwriting and premiums', '一般类', 'medium'],
  ['6540', '储值卡购买及充值', 'Stored-value card purchase and load (non-financial institutions)', '一般类', 'high'],
  // 一般类 — personal services
  ['7210', '洗衣服务', 'Laundry, cleaning and garment services', '一般类', 'low'],
  ['7211', '洗熨服务（自助洗衣）', 'Laundries: family and commercial', '一般类', 'low'],
  ['7216', '干洗店', 'Dry cleaners', '一般类', 'low'],
  ['7217', '室内清洁服务（地毯、沙发、家具表面清洁）', 'Carpet and upholstery cleaning', '一般类', 'low'],
  ['7221', '摄影工作室', 'Photographic studios', '一般类', 'low'],
  ['7230', '美容美发店', 'Beauty and barber shops', '一般类', 'medium'],
  ['7251', '修鞋店、擦鞋店、帽子清洗店', 'Shoe repair, shoe shine and hat cleaning shops', '一般类', 'low'],
  ['7261', '殡葬服务', 'Funeral services and crematories', '一般类', 'low'],
  ['7273', '婚姻介绍及陪同服务', 'Dating and escort services', '一般类', 'high'],
  ['7276', '税务准备服务', 'Tax preparation services', '一般类', 'low'],
  ['7277', '咨询服务——债务、婚姻和私人事务', 'Counselling services: debt, marriage and personal', '一般类', 'medium'],
  ['7278', '购物服务及会所', 'Buying and shopping services and clubs', '一般类', 'medium'],
  ['7296', '服装出租', 'Clothing rental: costumes, uniforms and formal wear', '一般类', 'low'],
  ['7299', '未列入其他代码的个人服务', 'Miscellaneous personal services not elsewhere classified', '一般类', 'medium'],
  // 一般类 — business services
  ['7311', '广告服务', 'Advertising services', '一般类', 'low'],
  ['7321', '消费者信用报告机构', 'Consumer credit reporting agencies', '一般类', 'low'],
  ['7333', '商业摄影、工艺和绘图服务', 'Commercial photography, art and graphics', '一般类', 'low'],
  ['7338', '复印和绘图服务', 'Quick copy, reproduction and blueprinting services', '一般类', 'low'],
  ['7339', '速记和秘书服务', 'Stenographic and secretarial support services', '一般类', 'low'],
  ['7342', '灭虫及消毒服务', 'Exterminating and disinfecting services', '一般类', 'low'],
  ['7349', '清洁、保养及门卫服务', 'Cleaning, maintenance and janitorial services', '一般类', 'low'],
  ['7361', '职业介绍、临时雇佣服务', 'Employment agencies and temporary help services', '一般类', 'medium'],
  ['7372', '计算机编程、数据处理和系统集成设计服务', 'Computer programming, data processing and integrated systems design', '一般类', 'low'],
  ['7375', '信息检索服务', 'Information retrieval services', '一般类', 'low'],
  ['7379', '未列入其他代码的计算机维护和修理服务', 'Computer maintenance and repair services not elsewhere classified', '一般类', 'low'],
  ['7392', '管理、咨询和公共关系服务', 'Management, consulting and public relations services', '一般类', 'low'],
  ['7393', '保安和监控服务', 'Detective agencies, protective agencies and security services', '一般类', 'low'],
  ['7394', '设备、工具、家具和电器出租', 'Equipment, tool, furniture and appliance rental and leasing', '一般类', 'low'],
  ['7395', '照相洗印服务', 'Photofinishing laboratories and photo developing', '一般类', 'low'],
  ['7399', '未列入其他代码的商业服务', 'Business services not elsewhere classified', '一般类', 'medium'],
  // 一般类 — vehicles and repairs
  ['7512', '汽车出租', 'Car rental agencies', '一般类', 'low'],
  ['7513', '卡车及拖车出租', 'Truck and utility trailer rentals', '一般类', 'low'],
  ['7523', '停车场', 'Parking lots and garages', '一般类', 'low'],
  ['7531', '车体维修店', 'Automotive body repair shops', '一般类', 'low'],
  ['7534', '轮胎翻新、维修店', 'Tyre retreading and repair shops', '一般类', 'low'],
  ['7535', '汽车喷漆店', 'Automotive paint shops', '一般类', 'low'],
  ['7538', '汽车服务商店（非经销商）', 'Automotive service shops (non-dealer)', '一般类', 'low'],
  ['7542', '洗车', 'Car washes', '一般类', 'low'],
  ['7549', '拖车服务', 'Towing services', '一般类', 'low'],
  ['7622', '电器维修', 'Electronics repair shops', '一般类', 'low'],
  ['7623', '空调、制冷设备维修', 'Air-conditioning and refrigeration repair shops', '一般类', 'low'],
  ['7629', '电器设备、小家电维修', 'Electrical and small appliance repair shops', '一般类', 'low'],
  ['7692', '焊接维修', 'Welding repair', '一般类', 'low'],
  ['7699', '各类维修店及相关服务', 'Miscellaneous repair shops and related services', '一般类', 'low'],
  ['7841', '音像制品出租商店', 'Video tape rental stores', '一般类', 'low'],
  ['7991', '旅游景点和展览', 'Tourist attractions and exhibits', '一般类', 'low'],
  // 一般类 — health
  ['8011', '未列入其他代码的医生', 'Doctors and physicians not elsewhere classified', '一般类', 'low'],
  ['8021', '牙科医生', 'Dentists and orthodontists', '一般类', 'low'],
  ['8031', '正骨医生', 'Osteopaths', '一般类', 'low'],
  ['8041', '按摩医生', 'Chiropractors', '一般类', 'low'],
  ['8042', '眼科医生、验光师', 'Optometrists and ophthalmologists', '一般类', 'low'],
  ['8043', '光学产品、眼镜店', 'Opticians, optical goods and eyeglasses', '一般类', 'low'],
  ['8049', '手足病医生', 'Podiatrists and chiropodists', '一般类', 'low'],
  ['8050', '护理和照料服务', 'Nursing and personal care facilities', '一般类', 'low'],
  ['8071', '医学及牙科实验室', 'Medical and dental laboratories', '一般类', 'low'],
  ['8099', '其他医疗保健服务', 'Medical services and health practitioners not elsewhere classified', '一般类', 'medium'],
  // 一般类 — education, professional services, organisations
  ['8111', '法律服务和律师事务所', 'Legal services and attorneys', '一般类', 'low'],
  ['8241', '函授学校', 'Correspondence schools', '一般类', 'medium'],
  ['8244', '商业和文秘学校', 'Business and secretarial schools', '一般类', 'medium'],
  ['8249', '职业技能培训学校', 'Vocational and trade schools', '一般类', 'medium'],
  ['8299', '未列入其他代码的学校与教育服务（社会培训）', 'Schools and educational services not elsewhere classified', '一般类', 'medium'],
  ['8351', '儿童保育服务', 'Child care services', '一般类', 'medium'],
  ['8641', '市民、社会及友爱组织', 'Civic, social and fraternal associations', '一般类', 'low'],
  ['8675', '汽车协会', 'Automobile associations', '一般类', 'low'],
  ['8699', '未列入其他代码的会员组织', 'Membership organisations not elsewhere classified', '一般类', 'low'],
  ['8734', '测试实验服务', 'Testing laboratories (non-medical)', '一般类', 'low'],
  ['8911', '建筑、工程和测量服务', 'Architectural, engineering and surveying services', '一般类', 'low'],
  ['8931', '会计、审计、财务服务', 'Accounting, auditing and bookkeeping services', '一般类', 'low'],
  ['8999', '未列入其他代码的专业服务', 'Professional services not elsewhere classified', '一般类', 'low'],
];

/** Every MCC this platform offers, in code order. */
export const MCC_LIST: readonly Mcc[] = rows
  .map(([code, zh, en, category, riskClass]) => ({ code, zh, en, category, riskClass }))
  .sort((a, b) => a.code.localeCompare(b.code));

const byCode = new Map(MCC_LIST.map((m) => [m.code, m]));

/** The MCC with this four-digit code, or undefined. */
export function mccByCode(code: string): Mcc | undefined {
  return typeof code === 'string' ? byCode.get(code.trim()) : undefined;
}
