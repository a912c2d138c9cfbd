import { type Random } from './random';

/** 姓: the most common surnames, weighted roughly by frequency. */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const MALE = '伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欣志建国文博晨阳';
const FEMALE = '芳娜敏静丽艳娟霞秀英玲桂兰萍红燕梅琳雪倩婷颖慧莉莹晶欣怡佳雯璐洁丹婧薇琪';

/** 姓名: a surname and one or two given-name characters. */
export const drawName = (random: Random, sex: 'male' | 'female', surname?: string): string => {
  const family = surname ?? SURNAMES[Math.min(SURNAMES.length - 1, Math.floor(random.next() ** 2 * SURNAMES.length))]!;
  const pool = sex === 'male' ? MALE : FEMALE;
  const given = random.pick([...pool]) + (random.chance(0.7) ? random.pick([...pool]) : '');
  return family + given;
};

export const surnameOf = (name: string): string => name[0] ?? '王';
